// End-to-end tests of hostile links (issue 16, point 6): a shared scenario that is huge,
// nested without end, or asks for enormous work is refused with a clear message before any
// work starts, shown like any other unreadable link, and the page never freezes: no task
// on the page's main thread uses over 100 ms of CPU from the moment the link is opened
// until the lab has settled. The limits themselves are `cloudhop_core::limits`.
//
// Measured as CPU time, not wall time: each main-thread task's thread time (`tdur` of the
// renderer's `RunTask` trace events, from the DevTools protocol's Tracing domain) does not
// grow when the machine is busy, while the Long Tasks API's durations are wall time and
// inflate several times on a loaded 2-core machine (a 30 ms task reported as 150-400 ms;
// see link-cpu.bench.mjs). The long tasks are still recorded and printed beside the CPU
// figures. Without a limit the work is real CPU (a 12,000-AS topology computed: seconds of
// it), so the test still fails when a refusal is missing.
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
    what: 'a DNS scenario of 1,000 networks',
    route: 'lab/dns',
    s: () => link('dns', {
      sc: { networks: range(1000).map((i) => ({ id: `n${i}`, kind: 'on_prem', cidr: `10.${i >> 8}.${i & 255}.0/24` })) },
      client: '',
      name: 'a.example.com',
    }),
    says: 'it has 1,000 networks, and cloudhop opens at most 100',
  },
  {
    what: 'a failover with 10^9 clients a second',
    route: 'lab/failover',
    s: () => link('failover', { preset: '', a: { model: 'dns', request_rate_per_s: 1e9 } }),
    says: 'it asks for 10^9 requests a second, and cloudhop models at most 10^8',
  },
];

/** The most CPU one main-thread task may use, in milliseconds. */
const MAX_TASK_CPU_MS = 100;
/** A page that has not shown the expected element this long after the link is frozen. */
const FROZEN_MS = 20000;

/** Records every long task (over 50 ms, wall time) of the page, from before the app starts. */
function watchLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * The page's main-thread tasks in a trace: `{ cpu, wall }` in ms for every `RunTask` of the
 * renderer main thread of the frame at `url` (its process found in the trace's
 * `TracingStartedInBrowser` event; if that is missing, the renderer main thread that ran
 * the most tasks).
 */
function mainThreadTasks(events, url) {
  const mains = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(`${e.pid}:${e.tid}`, e.pid);
  }
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const pid = started?.args?.data?.frames?.find((f) => (f.url || '').startsWith(url))?.processId;
  const runs = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mains.has(key)) continue;
    if (!runs.has(key)) runs.set(key, []);
    runs.get(key).push({ cpu: (e.tdur ?? e.dur) / 1000, wall: e.dur / 1000 });
  }
  const ours = [...runs.entries()].filter(([k]) => pid === undefined || mains.get(k) === pid);
  ours.sort((a, b) => b[1].length - a[1].length);
  return ours.length ? ours[0][1] : [];
}

/**
 * Open `hash` in the running app (a hash change, as following a link inside cloudhop or
 * pasting it does) and measure, from then until the page has settled: the main-thread task
 * that used the most CPU (`cpu`, and that task's wall time `cpuTaskWall`, from a trace), the
 * longest long task by wall time (`longest`), and when the selector appeared (`shownAfter`).
 */
async function openTimed(page, hash, selector, url) {
  // Traced from the browser's session, so that the trace can be ended even when the page
  // has to be closed (a renderer still busy after FROZEN_MS).
  const cdp = await page.context().browser().newBrowserCDPSession();
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const end = async () => {
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  };
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
  });
  let t0;
  let shown;
  let tasks;
  try {
    t0 = await page.evaluate((h) => {
      const t = performance.now();
      location.hash = h;
      return t;
    }, hash);
    await page.waitForSelector(selector, { timeout: FROZEN_MS });
    shown = await page.evaluate(() => performance.now());
    // Let effects, timers and the frames after the first render run before counting.
    await page.evaluate(() => new Promise((ok) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(ok)), 500)));
    tasks = await page.evaluate((since) => window.__longTasks.filter((t) => t.start + t.duration >= since), t0);
  } catch (e) {
    // A page still working after FROZEN_MS: close it (its renderer with it) so the trace
    // can end and the next test starts clean.
    await page.context().close().catch(() => {});
    await end();
    throw new Error(`the page had not settled ${FROZEN_MS / 1000} s after the link was opened: it froze (${e.message.split('\n')[0]})`);
  }
  await end();
  const runs = mainThreadTasks(events, url);
  assert.ok(runs.length > 0, 'the trace holds no task of the page\'s main thread');
  const top = runs.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  return {
    cpu: Math.round(top.cpu),
    cpuTaskWall: Math.round(top.wall),
    tasks: runs.length,
    longest: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    shownAfter: Math.round(shown - t0),
  };
}

for (const h of HOSTILE) {
  test(`${h.what}: refused with a message, no task over 100 ms of CPU`, async () => {
    // The lab is opened once without a link first, so what is measured is the link, not
    // the first start of the lab page (its code compiled and its data read on first use).
    const page = await openApp(browser, server.url, `#/${h.route}`, { initScript: watchLongTasks });
    await page.waitForSelector('.lab');
    await page.evaluate(() => { location.hash = '#/progress'; });
    await page.waitForSelector('.progress-page');
    const s = h.s();
    const m = await openTimed(page, `#/${h.route}?s=${s}`, '.lab-notice', server.url);
    const notice = await page.locator('.lab-notice').innerText();
    console.log(`# ${h.what}: ${s.length} characters; notice after ${m.shownAfter} ms; `
      + `most CPU in one task ${m.cpu} ms (its wall time ${m.cpuTaskWall} ms, of ${m.tasks} tasks); longest long task ${m.longest} ms wall`);
    if (typeof h.says === 'string') assert.ok(notice.includes(h.says), notice);
    else assert.match(notice, h.says);
    assert.match(notice, /^The scenario in this link was not opened \(/);
    assert.match(notice, /the lab's own starting scenario is shown/);
    assert.ok(m.cpu <= MAX_TASK_CPU_MS, `a task used ${m.cpu} ms of CPU (${m.cpuTaskWall} ms wall): it froze the page`);
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
  for (const lab of ['planner', 'bgp', 'latency', 'failover', 'dns']) {
    await page.evaluate(() => { location.hash = '#/progress'; });
    await page.waitForSelector('.progress-page');
    const m = await openTimed(page, `#/lab/${lab}`, '.lab', server.url);
    console.log(`# the ${lab} lab's own start: most CPU in one task ${m.cpu} ms (${m.cpuTaskWall} ms wall); longest long task ${m.longest} ms wall`);
    assert.equal(await page.locator('.lab-notice').count(), 0);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
