// End-to-end tests of hostile links (issue 16, point 6): a shared scenario that is huge,
// nested without end, or asks for enormous work is refused with a clear message before any
// work starts, shown like any other unreadable link, and the page never freezes: no task
// on the main thread over 100 ms (the Long Tasks API) from the moment the link is opened
// until the lab has settled. The limits themselves are `cloudhop_core::limits`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, useSite } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** What `core::share::encode` does: percent-encode all but a few readable characters. */
function shareEncode(text) {
  let out = '';
  for (const b of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~:,/[\]{}]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A versioned lab-state link text, as the app writes it. */
const link = (lab, state) => shareEncode(JSON.stringify({ lab, v: 1, state }));
const range = (n, from = 0) => Array.from({ length: n }, (_, i) => i + from);

const HOSTILE = [
  {
    what: 'a plan of ::/0 and a thousand host routes carved from it',
    route: 'lab/planner',
    s: () => link('planner', {
      networks: [
        { name: 'all', blocks: ['::/0'] },
        { name: 'hosts', blocks: range(1000).map((i) => `::${i.toString(16)}/128`) },
      ],
    }),
    says: 'it has 1,001 CIDR blocks, and cloudhop opens at most 300',
  },
  {
    what: 'a topology of 12,000 ASes',
    route: 'lab/bgp',
    s: () => link('bgp', { sc: { ases: range(12000, 1) } }),
    says: 'it has 12,000 ASes, and cloudhop opens at most 200',
  },
  {
    what: 'a link of a megabyte (150,000 ASes; ten million could not be written in a URL at all)',
    route: 'lab/bgp',
    s: () => link('bgp', { sc: { ases: range(150000, 1) } }),
    says: /it is too long: [\d,]+ characters, and a link may hold at most 100,000/,
  },
  {
    what: 'a scenario nested 50,000 levels deep',
    route: 'lab/planner',
    s: () => '['.repeat(50000) + ']'.repeat(50000),
    says: 'it is nested more than 32 levels deep',
  },
  {
    what: 'a latency mesh of 1,000 sites',
    route: 'lab/latency',
    s: () => link('latency', {
      sites: range(1000).map((i) => ({ name: `site ${i}`, lat: (i % 160) - 80, lon: ((i * 7) % 360) - 180 })),
    }),
    says: 'it has 1,000 sites, and cloudhop opens at most 64',
  },
  // Embeds are their own pages now (embed/<lab>/, which `#/embed/<lab>` forwards to); they
  // read links through the same `decode_state` and its limits, and embed.test.mjs checks
  // that a refused state is reported to the host.
  {
    what: 'a failover with 10^9 clients a second',
    route: 'lab/failover',
    s: () => link('failover', { preset: '', a: { model: 'dns', request_rate_per_s: 1e9 } }),
    says: 'it asks for 10^9 requests a second, and cloudhop models at most 10^8',
  },
];

/** Records every long task (over 50 ms) of the page, from before the app starts. */
function watchLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Open `hash` in the running app (a hash change, as following a link inside cloudhop or
 * pasting it does) and return the longest main-thread task from then until the page has
 * settled, and how long the notice took to appear.
 */
async function openTimed(page, hash, selector) {
  const t0 = await page.evaluate((h) => {
    const t = performance.now();
    location.hash = h;
    return t;
  }, hash);
  await page.waitForSelector(selector, { timeout: 60000 });
  const shown = await page.evaluate(() => performance.now());
  // Let effects, timers and the frames after the first render run before counting.
  await page.evaluate(() => new Promise((ok) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(ok)), 500)));
  const tasks = await page.evaluate((since) => window.__longTasks.filter((t) => t.start + t.duration >= since), t0);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  return { longest: Math.round(longest), shownAfter: Math.round(shown - t0) };
}

for (const h of HOSTILE) {
  test(`${h.what}: refused with a message, no freeze over 100 ms`, async () => {
    // The lab is opened once without a link first, so what is measured is the link, not
    // the first start of the lab page (its code compiled and its data read on first use).
    const page = await openApp(browser, server.url, `#/${h.route}`, { initScript: watchLongTasks });
    await page.waitForSelector('.lab');
    await page.evaluate(() => { location.hash = '#/progress'; });
    await page.waitForSelector('.progress-page');
    const s = h.s();
    const { longest, shownAfter } = await openTimed(page, `#/${h.route}?s=${s}`, '.lab-notice');
    const notice = await page.locator('.lab-notice').innerText();
    console.log(`# ${h.what}: ${s.length} characters; notice after ${shownAfter} ms; longest task ${longest} ms`);
    if (typeof h.says === 'string') assert.ok(notice.includes(h.says), notice);
    else assert.match(notice, h.says);
    assert.match(notice, /^The scenario in this link was not opened \(/);
    assert.match(notice, /the lab's own starting scenario is shown/);
    assert.ok(longest <= 100, `a task of ${longest} ms froze the page`);
    // The lab shows its own start and works; nothing of the link was stored.
    assert.equal(await page.locator('.lab').count(), 1);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cloudhop.lab.backup.')));
    assert.deepEqual(kept, []);
    if (h.route === 'lab/bgp' && s.length < 100000) await screenshot(page, 'hostile-link-bgp', { viewportOnly: true });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('each lab opened without a link, measured the same way (the figures beside the refusals)', async () => {
  // What a lab's own start costs on this machine, for comparison with the figures above.
  const page = await openApp(browser, server.url, '#/progress', { initScript: watchLongTasks });
  for (const lab of ['planner', 'bgp', 'latency', 'failover']) {
    await page.evaluate(() => { location.hash = '#/progress'; });
    await page.waitForSelector('.progress-page');
    const { longest } = await openTimed(page, `#/lab/${lab}`, '.lab');
    console.log(`# the ${lab} lab's own start: longest task ${longest} ms`);
    assert.equal(await page.locator('.lab-notice').count(), 0);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
