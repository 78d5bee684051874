// Bytes an embed of each lab transfers on a cold cache, in headless Chromium, served
// gzipped: the lab's own bundle (embed/<lab>/) beside the course bundle that
// `#/embed/<lab>` loaded before labs had their own (the same files `#/lab/<lab>` loads:
// the course's html, js, wasm and every stylesheet, and what its service worker fetches),
// and what an old `#/embed/<lab>` link costs now that it forwards to the lab's bundle.
// A benchmark to rerun, not a test: it prints a table and writes target/bench-embed.json.
//
//   node scripts/bench-embed.mjs [dist] [--labs=planner,bgp]
//
// Needs a built site (scripts/build-site) and tests/e2e/node_modules (scripts/setup).
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { serveDir, countBytes, networkQuiet } = await import(join(root, 'tests/e2e/gzip-server.mjs'));

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith('--')) || join(root, 'dist'));
const only = (args.find((a) => a.startsWith('--labs=')) || '').slice(7).split(',').filter(Boolean);
const BUDGET = 300 * 1024;
if (!existsSync(join(dist, 'embed'))) throw new Error(`${dist}/embed is missing: run scripts/build-site first`);
const labs = readdirSync(join(dist, 'embed')).filter((l) => !only.length || only.includes(l)).sort();

const server = await serveDir(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

async function measure(path, ready) {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  const bytes = await countBytes(page);
  await page.goto(server.url + path);
  await page.waitForSelector(ready, { timeout: 60000 });
  await networkQuiet(page);
  const result = { total: bytes.total(), byType: bytes.byType(), requests: bytes.list.length };
  await context.close();
  return result;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const lab of labs) {
  const embed = await measure(`embed/${lab}/`, 'main.embed[data-ready="true"] > *');
  const course = await measure(`index.html#/lab/${lab}`, '#main[data-ready="true"] .lab-page > *');
  const forwarded = await measure(`index.html#/embed/${lab}`, 'main.embed[data-ready="true"] > *');
  rows.push({ lab, embed, course, forwarded });
}
await browser.close();
await server.close();

console.log('Bytes transferred on a cold cache, gzip (headers included), budget 300 KB per embed\n');
console.log('lab        embed/<lab>/   (wasm, js, css, html)             course #/embed/<lab> before   old link now (forwarded)');
for (const { lab, embed, course, forwarded } of rows) {
  const t = embed.byType;
  const parts = `wasm ${kb(t.wasm || 0)}, js ${kb(t.js || 0)}, css ${kb(t.css || 0)}, html ${kb(t.html || 0)}`;
  console.log(`${lab.padEnd(10)} ${kb(embed.total).padStart(10)} ${embed.total <= BUDGET ? 'ok  ' : 'OVER'} (${parts})  ${kb(course.total).padStart(12)}   ${kb(forwarded.total).padStart(12)}`);
}
mkdirSync(join(root, 'target'), { recursive: true });
writeFileSync(join(root, 'target/bench-embed.json'), JSON.stringify(rows, null, 2));
console.log('\nDetails in target/bench-embed.json');
