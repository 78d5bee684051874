// End-to-end tests of the Content-Security-Policy (issue 16, point 4): the built page's
// policy allows no inline script or style, the course, a lesson with a lab, every lab and
// an embed run under it without a single violation, and the harness does catch one (every
// test of the suite fails on a violation through `page.problems`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, openApp, useSite } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** The policy of dist/index.html as a map from directive to its sources. */
function builtPolicy() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const m = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
  assert.ok(m, 'dist/index.html has a Content-Security-Policy meta tag');
  return new Map(
    m[1].split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      return [name, sources];
    }),
  );
}

test('the built policy has no inline scripts or styles, and the page has none', () => {
  const policy = builtPolicy();
  for (const directive of ['script-src', 'style-src']) {
    assert.ok(policy.has(directive), `${directive} is set`);
    assert.ok(!policy.get(directive).includes("'unsafe-inline'"), `${directive}: ${policy.get(directive)}`);
  }
  assert.ok(policy.get('script-src').includes("'wasm-unsafe-eval'"), 'the wasm module may be compiled');
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 2, 'the app loader and the service-worker registration');
  for (const [tag, attrs, body] of scripts) {
    assert.match(attrs, /\ssrc="/, `not inline: ${tag}`);
    assert.equal(body.trim(), '', `no body: ${tag}`);
  }
});

const PAGES = [
  ['the course map', '#/', '.lesson-card, main a[href*="lesson"]'],
  ['a lesson with a lab', '#/lesson/address-planning', '.planner-seg'],
  ['the planner lab', '#/lab/planner', '.planner-seg'],
  ['the BGP lab', '#/lab/bgp', '#main'],
  ['the latency lab', '#/lab/latency', '.latency-matrix td[data-c]'],
  ['the failover lab', '#/lab/failover', '#main'],
  ['an embed', '#/embed/latency', '.latency-matrix td[data-c]'],
  ['the progress page', '#/progress', '.progress-page'],
];

for (const [what, hash, selector] of PAGES) {
  test(`${what} runs without a policy violation`, async () => {
    const page = await openApp(browser, server.url, hash);
    await page.waitForSelector(selector);
    // Let late work (the service worker, lazily drawn parts) happen before counting.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('computed styles reach the page (set through the CSSOM, not a style attribute)', async () => {
  const page = await openApp(browser, server.url, '#/lab/latency');
  await page.waitForSelector('.latency-matrix td[data-c]');
  const cell = await page.$eval('.latency-matrix td[data-c]', (td) => td.style.background);
  assert.notEqual(cell, '', 'a matrix cell has its heat colour');
  const bars = await page.$$eval('.latency-bar', (els) => els.map((e) => e.style.width));
  assert.ok(bars.length > 0 && bars.every((w) => w.endsWith('%')), `bar widths: ${bars}`);
  const planner = await openApp(browser, server.url, '#/lab/planner');
  await planner.waitForSelector('.planner-seg');
  const grow = await planner.$$eval('.planner-seg', (els) => els.map((e) => e.style.flexGrow));
  assert.ok(grow.every((g) => Number(g) > 0), `segment widths: ${grow}`);
  assert.deepEqual([...page.problems, ...planner.problems], []);
  await page.context().close();
  await planner.context().close();
});

test('a violation is caught: an inline script and an inline style attribute are refused and recorded', async () => {
  const page = await openApp(browser, server.url, '#/');
  assert.deepEqual(page.problems, []);
  const ran = await page.evaluate(async () => {
    window.inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true;';
    document.body.append(s);
    const d = document.createElement('div');
    d.setAttribute('style', 'color: red');
    document.body.append(d);
    await new Promise((ok) => setTimeout(ok, 200));
    return window.inlineRan;
  });
  assert.equal(ran, false, 'the browser refused the inline script');
  await page.waitForTimeout(200);
  const csp = page.problems.filter((p) => p.startsWith('CSP violation:'));
  assert.ok(csp.some((p) => p.includes('script-src')), `script violation recorded: ${page.problems}`);
  assert.ok(csp.some((p) => p.includes('style-src')), `style violation recorded: ${page.problems}`);
  await page.context().close();
});
