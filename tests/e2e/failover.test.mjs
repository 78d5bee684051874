// End-to-end test of the failover lab in headless Chromium: presets, knobs that redraw the
// timeline, side-by-side comparison, URL state, bad links, and exercises inside lessons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, useSite } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

async function openLab(hash = '#/lab/failover', options = {}) {
  const page = await openApp(browser, server.url, hash, options);
  await page.waitForSelector('.failover-lab svg.failover-timeline');
  return page;
}

const headline = (page, side = 'a') =>
  page.locator(`.failover-column[data-side="${side}"] .failover-headline-value`).innerText();

/** "1.5 min" / "57 s" / "2 h" → seconds. */
function seconds(text) {
  const m = text.trim().match(/^([\d.]+) (s|min|h)$/);
  assert.ok(m, `not a duration: ${text}`);
  return Number(m[1]) * { s: 1, min: 60, h: 3600 }[m[2]];
}

test('DNS preset: the TTL and check knobs redraw the timeline and the counts', async () => {
  const page = await openLab();
  assert.equal(await page.locator('.failover-timeline rect.failover-phase').count(), 3);
  const before = seconds(await headline(page));
  // Route 53 defaults, TTL 300: 75 s detection + 95% of clients' caches ≈ 6 min.
  assert.ok(before > 300 && before < 420, `${before}`);
  const failedBefore = await page.locator('[data-key="failed_requests_typical"] strong').innerText();
  await page.locator('#failover-a-ttl_s').fill('30');
  await page.locator('#failover-a-check_interval_s').fill('10');
  await page.locator('#failover-a-failure_threshold').fill('2');
  // By hand: detection 15 s; at 30 s 93.5% have moved (93% + 5%·30/300 + 2%·30/1800), the
  // rest of the way to 95% goes at 5%/300 s + 2%/1800 s per second: 82.5 s more → 127.5 s.
  const after = seconds(await headline(page));
  assert.ok(Math.abs(after - 127.5) <= 3, `after ${after}`);
  assert.notEqual(await page.locator('[data-key="failed_requests_typical"] strong').innerText(), failedBefore);
  // The clients-moved curve is drawn for DNS.
  assert.equal(await page.locator('svg.failover-moved polyline').count(), 1);
  await screenshot(page, 'failover-dns');
  assert.deepEqual(page.problems, []);
});

test('compare two settings side by side, and the URL keeps both', async () => {
  const page = await openLab();
  await page.selectOption('.failover-preset', 'interconnect');
  assert.match(await page.locator('.failover-column[data-side="a"] legend').innerText(), /Setting A/);
  await page.getByRole('button', { name: 'Compare with a copy' }).click();
  assert.equal(await page.locator('.failover-column').count(), 2);
  await page.locator('#failover-b-bfd').click();
  assert.ok(await page.locator('#failover-b-bfd').isChecked());
  const a = seconds(await headline(page, 'a'));
  const b = seconds(await headline(page, 'b'));
  // Direct Connect: 75 s typical hold-timer detection vs 0.75 s with BFD (+2 +5 +3 s).
  assert.equal(a, 85);
  assert.ok(b > 10 && b < 11, `${b}`);
  assert.match(await page.locator('.failover-column[data-side="b"] .failover-delta').innerText(), /^−/);
  assert.equal(await page.locator('.failover-timeline g.failover-row').count(), 2);
  await screenshot(page, 'failover-compare-bfd');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#\/lab\/failover\?s=/);
  const again = await openLab(hash);
  assert.equal(await again.locator('.failover-column').count(), 2);
  assert.equal(seconds(await headline(again, 'a')), 85);
  assert.ok(await again.locator('#failover-b-bfd').isChecked());
  // A shared link followed while the lab is already open replaces the scenario.
  const third = await openLab();
  assert.equal(await third.locator('.failover-column').count(), 1);
  await third.evaluate((h) => { location.hash = h; }, hash);
  await third.locator('.failover-column[data-side="b"]').waitFor();
  assert.equal(seconds(await headline(third, 'a')), 85);
  assert.deepEqual(third.problems, []);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(again.problems, []);
});

test('every scenario from the sources draws, including region failover and caches', async () => {
  const page = await openLab();
  for (const id of ['static-site', 'ipsec', 'interconnect', 'ad-caches', 'restore', 'region']) {
    await page.selectOption('.failover-preset', id);
    assert.ok((await page.locator('.failover-timeline rect.failover-phase').count()) >= 3, id);
    assert.equal(await page.locator('.failover-error').count(), 0, id);
  }
  // Ad caches: stale reads are counted and grow with the replication interval.
  await page.selectOption('.failover-preset', 'ad-caches');
  const stale = async () =>
    Number((await page.locator('[data-key="stale_reads_during_failover"] strong').innerText()).replace(/,/g, ''));
  const s1 = await stale();
  await page.locator('#failover-a-replication_interval_s').fill('600');
  assert.ok((await stale()) > s1);
  await screenshot(page, 'failover-ad-caches');
  // Region: switching the data strategy to backup makes the restore the slow step.
  await page.selectOption('.failover-preset', 'region');
  const before = seconds(await headline(page));
  await page.selectOption('#failover-a-data-strategy', 'backup');
  assert.ok(seconds(await headline(page)) > before);
  assert.match(await page.locator('.failover-phases').innerText(), /promote or restore the data/);
  await screenshot(page, 'failover-region-backup');
  assert.deepEqual(page.problems, []);
});

test('invalid settings and bad links get a message, never a broken page', async () => {
  const page = await openLab('#/lab/failover?s=%7Bnot-json');
  assert.match(await page.locator('.failover-error').first().innerText(), /could not be read/);
  await page.selectOption('.failover-preset', 'interconnect');
  // Keepalive above the hold time is refused with a message naming the fields.
  await page.locator('#failover-a-hold_time_s').fill('10');
  await page.locator('#failover-a-keepalive_s').fill('30');
  assert.match(await page.locator('.failover-results.failover-error').innerText(), /keepalive_s/);
  await screenshot(page, 'failover-invalid');
  assert.deepEqual(page.problems, []);
});

test('lesson exercises: DNS under a minute and the one-change tunnel question', async () => {
  const page = await openApp(browser, server.url, '#/lesson/failover');
  const dns = page.locator('[data-exercise="dns-under-a-minute"]');
  await dns.locator('.failover-goal').waitFor();
  assert.match(await dns.locator('.failover-goal').innerText(), /95% of clients/);
  // The world is locked.
  assert.ok(await dns.locator('input[data-path="ignoring_share"]').isDisabled());
  await dns.locator('.failover-check').click();
  assert.match(await dns.locator('.failover-verdict').innerText(), /^✗/);
  await dns.locator('input[data-path="check_interval_s"]').fill('10');
  await dns.locator('input[data-path="failure_threshold"]').fill('2');
  await dns.locator('input[data-path="ttl_s"]').fill('30');
  await dns.locator('.failover-check').click();
  assert.match(await dns.locator('.failover-verdict').innerText(), /^✓/);
  const tunnel = page.locator('[data-exercise="tunnel-one-change"]');
  await tunnel.locator('.failover-choice').first().waitFor();
  await tunnel.locator('.failover-choice').nth(0).click();
  await tunnel.locator('.failover-check').click();
  assert.match(await tunnel.locator('.failover-verdict').innerText(), /another change does better/);
  await tunnel.locator('.failover-choice').nth(1).click();
  await tunnel.locator('.failover-check').click();
  assert.match(await tunnel.locator('.failover-verdict').innerText(), /^✓ Yes: Halve the DPD interval/);
  await screenshot(page, 'failover-lesson-exercises');
  assert.deepEqual(page.problems, []);
});

test('dark theme and a narrow screen', async () => {
  const page = await openLab('#/lab/failover', { colorScheme: 'dark', viewport: { width: 420, height: 900 } });
  await page.getByRole('button', { name: 'Compare with a copy' }).click();
  await screenshot(page, 'failover-dark-narrow');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  assert.deepEqual(page.problems, []);
});
