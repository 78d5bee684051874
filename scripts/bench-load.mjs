// How long the course takes to become usable on a slow network, in headless Chromium,
// served gzipped as real static hosts do, on a cold cache (issue 13, point 1b).
// A benchmark to rerun, not a test: it prints a table and writes target/bench-load.json.
//
//   node scripts/bench-load.mjs [dist] [--runs=3] [--profiles=phone,4g]
//
// Profiles (Chromium's DevTools protocol, the figures the issue gives):
//   phone: 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU slowed 4x
//   4g:    9 Mbps down, 1.5 Mbps up, 85 ms round trip, CPU not slowed
// For each run it records, from the navigation's start:
//   - first paint: the first frame with anything on it (the HTML's loading title);
//   - wasm in: the course's wasm fully downloaded (its resource timing's responseEnd);
//   - map usable: the course map rendered by the app, with its lesson links (the time from
//     "wasm in" to it is compiling, starting and drawing: CPU, not network);
//   - lab usable: after clicking the "Address planner" link in the map's header, the
//     planner lab's controls on screen (the extra time is reported as "+lab").
// Each figure is the median of the runs. The times are taken in the page: a mutation
// observer notes when the map's links and the lab's controls first exist, and a click
// listener when the click lands, so the harness's own polling and round trips are not in
// them (before 2026-12-04 they were, which added 0.1-0.3 s to "map usable"). CPU
// throttling also slows the page's own work; figures from a busy machine are higher.
//
// Needs a built site (scripts/build-site) and tests/e2e/node_modules (scripts/setup).
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { serveDir, countBytes } = await import(join(root, 'tests/e2e/gzip-server.mjs'));

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith('--')) || join(root, 'dist'));
const opt = (name, dflt) => (args.find((a) => a.startsWith(`--${name}=`)) || `=${dflt}`).split('=')[1];
const runs = Number(opt('runs', 3));
const PROFILES = {
  phone: { down: 1.6e6, up: 750e3, rtt: 150, cpu: 4 },
  '4g': { down: 9e6, up: 1.5e6, rtt: 85, cpu: 1 },
};
const profiles = opt('profiles', 'phone,4g').split(',').filter((p) => PROFILES[p]);
if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run scripts/build-site first`);

const server = await serveDir(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

// The map is usable when the app has rendered it with links a learner can follow.
const MAP_READY = '#main[data-ready="true"] .course-map a[href^="#/lesson/"]';
const LAB_LINK = 'header a[href="#/lab/planner"]';
const LAB_READY = '#main[data-ready="true"] .lab-page section.lab :is(input, button)';

async function once(profile) {
  const p = PROFILES[profile];
  // A fresh context per run: no HTTP cache, no service worker, no storage.
  const context = await browser.newContext({ viewport: { width: 390, height: 800 }, serviceWorkers: 'block' });
  // When the map's links, the click and the lab's controls first exist, in page time.
  await context.addInitScript(([map, lab]) => {
    const seen = (window.__benchSeen = {});
    const look = () => {
      if (!seen.map && document.querySelector(map)) seen.map = performance.now();
      if (seen.click && !seen.lab && document.querySelector(lab)) seen.lab = performance.now();
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
    addEventListener('click', () => { seen.click ??= performance.now(); look(); }, true);
  }, [MAP_READY, LAB_READY]);
  const page = await context.newPage();
  const bytes = await countBytes(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: p.rtt,
    downloadThroughput: p.down / 8,
    uploadThroughput: p.up / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
  await page.goto(server.url + 'index.html#/', { waitUntil: 'commit' });
  await page.waitForSelector(MAP_READY, { timeout: 120000 });
  const map = await page.evaluate(() => window.__benchSeen.map);
  const wasm = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'));
    return e ? e.responseEnd : null;
  });
  const paint = await page.evaluate(() => {
    const e = performance.getEntriesByName('first-paint')[0] || performance.getEntriesByName('first-contentful-paint')[0];
    return e ? e.startTime : null;
  });
  const mapBytes = bytes.total();
  await page.click(LAB_LINK);
  await page.waitForSelector(LAB_READY, { timeout: 120000 });
  const lab = await page.evaluate(() => window.__benchSeen.lab - window.__benchSeen.click);
  const result = { paint, wasm, map, lab, mapBytes, labBytes: bytes.total() - mapBytes };
  await context.close();
  return result;
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};
const sec = (ms) => (ms === null ? '   -  ' : `${(ms / 1000).toFixed(2)} s`);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

const rows = [];
for (const profile of profiles) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await once(profile));
  rows.push({
    profile,
    runs: all,
    paint: median(all.map((r) => r.paint)),
    wasm: median(all.map((r) => r.wasm)),
    map: median(all.map((r) => r.map)),
    lab: median(all.map((r) => r.lab)),
    mapBytes: median(all.map((r) => r.mapBytes)),
    labBytes: median(all.map((r) => r.labBytes)),
  });
}
await browser.close();
await server.close();

console.log(`Course load on a cold cache, served gzipped, median of ${runs} run(s)\n`);
console.log('profile   first paint   wasm in   map usable   +lab usable   bytes to map   bytes for lab');
for (const r of rows) {
  console.log(`${r.profile.padEnd(9)} ${sec(r.paint).padStart(11)}   ${sec(r.wasm).padStart(7)}   ${sec(r.map).padStart(10)}   ${sec(r.lab).padStart(11)}   ${kb(r.mapBytes).padStart(12)}   ${kb(r.labBytes).padStart(13)}`);
}
mkdirSync(join(root, 'target'), { recursive: true });
writeFileSync(join(root, 'target/bench-load.json'), JSON.stringify(rows, null, 2));
console.log('\nDetails in target/bench-load.json');
