// End-to-end test of the latency lab in headless Chromium: the map, topologies, sliders,
// failures, the matrix's working, URL state, 50 sites, and no requests to other hosts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openLab(hash = '#/lab/latency', options = {}) {
  const page = await openApp(browser, server.url, hash, options);
  await page.waitForSelector('.latency-lab .latency-map svg');
  return page;
}

test('the lab draws the map, the sites and the mesh', async () => {
  const page = await openLab();
  const land = await page.$eval('.latency-land', (p) => p.getAttribute('d').length);
  assert.ok(land > 10000, `land outline length ${land}`);
  assert.equal(await page.locator('.latency-map g.latency-site circle').count(), 6);
  // Full mesh of 6 sites: 15 pairs drawn (a pair crossing the date line is drawn twice).
  assert.ok((await page.locator('.latency-links line').count()) >= 15);
  assert.equal(await page.locator('.latency-matrix tbody tr').count(), 6);
  assert.match(await page.locator('.latency-summary').innerText(), /Tunnels \/ links\s*15/);
  assert.equal(await page.locator('.latency-compare-card').count(), 4);
  await screenshot(page, 'latency-mesh');
  assert.deepEqual(page.problems, []);
});

test('hub and spoke: links, failing the hub cuts every pair, and the URL keeps it', async () => {
  const page = await openLab();
  await page.getByRole('tab', { name: 'Hub and spoke' }).click();
  const summary = page.locator('.latency-summary');
  assert.match(await summary.innerText(), /Tunnels \/ links\s*5/);
  await page.selectOption('select[aria-label="hub"]', 'best-worst');
  const failBtn = page.locator('.latency-fail-hub');
  const label = await failBtn.innerText();
  assert.match(label, /^fail /);
  await failBtn.click();
  assert.match(await summary.innerText(), /Pairs cut\s*15 of 15/);
  assert.ok((await page.locator('.latency-matrix td.latency-cut').count()) === 30);
  await screenshot(page, 'latency-hub-failed');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#\/lab\/latency\?s=/);
  // The shared link restores the same scenario, failure included.
  const again = await openLab(hash);
  assert.match(await again.locator('.latency-summary').innerText(), /Pairs cut\s*15 of 15/);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(again.problems, []);
});

test('relays: the NAT slider changes how many pairs are relayed; a cell shows its working', async () => {
  const page = await openLab();
  await page.getByRole('tab', { name: 'Mesh + relays' }).click();
  const slider = page.locator('input[aria-label="NAT share"]');
  await slider.fill('100');
  const text = await page.locator('.latency-failure').innerText();
  assert.match(text, /^15 of 15 pairs go through a relay/);
  await slider.fill('0');
  assert.match(await page.locator('.latency-failure').innerText(), /^0 of 15 pairs/);
  await slider.fill('100');
  await page.locator('.latency-matrix tbody tr').nth(0).locator('td').nth(2).click();
  const working = await page.locator('.latency-working').innerText();
  assert.match(working, /floor/);
  assert.match(working, /Leg .* → relay:/);
  await page.locator('input[aria-label="tunnel overhead"]').fill('5');
  assert.match(await page.locator('.latency-sliders').innerText(), /Tunnel overhead: 5\.0 ms/);
  await screenshot(page, 'latency-relay');
  assert.deepEqual(page.problems, []);
});

test('click the map to add an on-premises site; 50 sites stay responsive', async () => {
  const page = await openLab();
  const box = await page.locator('.latency-map svg').boundingBox();
  // Roughly Munich: lon 11.6 -> x = 191.6 / 360, lat 48.1 -> y = 36.9 / 145.
  await page.mouse.click(box.x + (191.6 / 360) * box.width, box.y + (36.9 / 145) * box.height);
  await page.waitForFunction(() => document.querySelectorAll('.latency-sites li').length === 7);
  assert.match(await page.locator('.latency-sites').innerText(), /onprem:office-1/);
  await page.selectOption('select[aria-label="provider"]', 'azure');
  const t0 = Date.now();
  await page.getByRole('button', { name: /Add all Azure regions/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.latency-sites li').length >= 50);
  const addMs = Date.now() - t0;
  const n = await page.locator('.latency-sites li').count();
  const t1 = Date.now();
  await page.getByRole('tab', { name: 'Cloud exchange' }).click();
  await page.waitForSelector('.latency-tab.active:has-text("Cloud exchange")');
  const tabMs = Date.now() - t1;
  console.log(`latency lab with ${n} sites: add-all ${addMs} ms, tab switch ${tabMs} ms`);
  assert.ok(n >= 50);
  assert.equal(await page.locator('.latency-matrix tbody tr').count(), n);
  await screenshot(page, 'latency-50-sites');
  assert.deepEqual(page.problems, []);
});

test('dark theme and an exercise-free embed render', async () => {
  const page = await openLab('#/embed/latency', { colorScheme: 'dark' });
  assert.equal(await page.locator('.latency-lab h2').count(), 0);
  await screenshot(page, 'latency-embed-dark');
  assert.deepEqual(page.problems, []);
});
