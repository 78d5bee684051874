// Each lab embedded from another origin, the three ways a docs site does it: a plain
// iframe (sized by an Embedly-style resizer), a sandboxed iframe (sandbox="allow-scripts":
// opaque origin, no storage) and the <cloudhop-lab> element. The labs are served gzipped
// with `Access-Control-Allow-Origin: *` (as common static hosts send it) on one port, the
// docs page (tests/e2e/embed-host/) on another. Checked: the lab renders, its height follows
// a change in the lab, its theme follows the host, the events arrive with the right payload
// and only for the origin named in host=, commands from another origin are ignored, no
// console error, no request to another host, and the bytes are within the 300 KB budget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, ROOT, launch, screenshot, watchedContext, watchedPage } from './harness.mjs';
import { serveDir, countBytes, networkQuiet } from './gzip-server.mjs';

const BUDGET = 300 * 1024;

// Per lab: a change a learner makes that changes its scenario and its height, and an
// exercise to check.
const LABS = {
  planner: {
    change: (f) => f.locator('.planner-checks').getByRole('button', { name: /Fix: move aws-prod to / }).click(),
    exercise: 'reserved-addresses',
  },
  bgp: {
    change: async (f) => {
      await f.locator('.bgp-graph .bgp-node[data-asn="65010"]').click();
      const lp = f.locator('.bgp-panel tr[data-neighbor="64600"] .bgp-lp');
      await lp.fill('250');
      await lp.dispatchEvent('change');
    },
    exercise: 'local-pref-beats-path',
  },
  latency: {
    change: (f) => f.getByRole('tab', { name: 'Hub and spoke' }).click(),
    exercise: 'mesh-tunnels-12',
  },
  failover: {
    change: (f) => f.getByRole('button', { name: 'Compare with a copy' }).click(),
    exercise: 'dns-under-a-minute',
  },
  // Blocking port 53 on the VPN makes the query fail: the trace gains a refusal and its diagnosis.
  dns: {
    change: (f) => f.locator('.dns-card-links li[data-id="vpn"] input.dns-link-dns').uncheck(),
    exercise: 'dns-ec2-to-ad',
  },
};

let site;
let host;
let elsewhere;
let browser;

before(async () => {
  site = await serveDir(DIST, { cors: true });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs: routing guide</title>
<link rel="stylesheet" href="/host.css"><script src="${site.url}cloudhop-lab.js" defer></script><script src="/host.js" defer></script></head>
<body><div class="doc"><h1>Routing guide</h1><p>Text of the guide before the lab.</p><div id="slot"></div><p>Text after the lab.</p></div></body></html>`;
  const dir = join(ROOT, 'tests/e2e/embed-host');
  host = await serveDir(null, {
    pages: {
      '/host.html': page,
      '/host.js': await readFile(join(dir, 'host.js'), 'utf8'),
      '/host.css': await readFile(join(dir, 'host.css'), 'utf8'),
    },
  });
  elsewhere = await serveDir(null, { pages: { '/': 'another site' } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([site, host, elsewhere].map((s) => s?.close()));
});

/** Open the host page; resolves when the embed said it is ready. */
async function openHost(lab, mode, { named, exercise, theme = 'light', ready = true } = {}) {
  const context = await watchedContext(browser, [site.url, host.url], { viewport: { width: 800, height: 900 } });
  const page = await watchedPage(context);
  const bytes = await countBytes(page);
  const sent = site.requests.length;
  const q = new URLSearchParams({ lab, mode, site: site.url, theme });
  if (named) q.set('named', named);
  if (exercise) q.set('exercise', exercise);
  await page.goto(`${host.url}host.html?${q}`);
  if (ready) await waitFor(page, (m) => m.type === 'cloudhop:ready');
  const frame = page.frameLocator('iframe');
  await frame.locator(`main.embed[data-lab="${lab}"] > *`).first().waitFor();
  await networkQuiet(page);
  // Counted by the lab site's server (gzip bodies): a sandboxed frame runs in a process of
  // its own, whose requests the page's DevTools session does not see.
  const siteBytes = () => site.requests.slice(sent).reduce((s, r) => s + r.bytes, 0);
  void bytes;
  return { page, frame, context, siteBytes };
}

const messages = (page) => page.evaluate(() => window.received.filter((r) => r.fromFrame).map((r) => ({ origin: r.origin, data: r.data })));

async function waitFor(page, pred, timeout = 20000) {
  const start = Date.now();
  for (;;) {
    const found = (await messages(page)).map((m) => m.data).filter((d) => d && typeof d === 'object').find(pred);
    if (found) return found;
    if (Date.now() - start > timeout) throw new Error('no such message');
    await page.waitForTimeout(100);
  }
}

const lastHeight = async (page) => {
  const all = (await messages(page)).map((m) => m.data).filter((d) => d && (d.type === 'cloudhop:ready' || d.type === 'cloudhop:resize'));
  return all.at(-1).height;
};
/**
 * Wait until the frame is as tall as the embed last said its content is (within a pixel
 * of rounding), and return both. Both are read in one turn of the host page: the height
 * arrives as two messages (ours, then Embedly's), so two separate reads can see one
 * message and not the other.
 */
async function sized(page) {
  const read = () => page.evaluate(() => {
    const said = window.received.filter((r) => r.fromFrame && (r.data?.type === 'cloudhop:ready' || r.data?.type === 'cloudhop:resize'));
    return { frame: window.embedFrame().clientHeight, content: said.at(-1).data.height };
  });
  let seen = await read();
  for (let i = 0; i < 100 && Math.abs(seen.frame - seen.content) > 1; i++) {
    await page.waitForTimeout(100);
    seen = await read();
  }
  return seen;
}
const frameTheme = (frame) => frame.locator('html').evaluate((h) => ({ theme: h.dataset.theme || 'auto', bg: getComputedStyle(document.body).backgroundColor }));

for (const [lab, spec] of Object.entries(LABS)) {
  for (const mode of ['iframe', 'sandboxed', 'element']) {
    test(`${lab} embedded as ${mode}: renders, sizes itself, follows the host's theme, reports to its host`, async () => {
      const { page, frame, context, siteBytes } = await openHost(lab, mode);
      const received = await messages(page);
      const ready = received.find((m) => m.data?.type === 'cloudhop:ready');
      assert.equal(ready.data.lab, lab);
      assert.equal(ready.data.v, 1);
      // A sandboxed frame has an opaque origin.
      assert.equal(ready.origin, mode === 'iframe' ? site.origin : mode === 'sandboxed' ? 'null' : site.origin);
      if (mode === 'iframe') {
        const embedly = received.map((m) => m.data).filter((d) => typeof d === 'string').map((d) => JSON.parse(d));
        assert.ok(embedly.some((m) => m.context === 'iframe.resize' && m.src.startsWith(`${site.url}embed/${lab}/`)), 'Embedly dialect');
      }
      // The frame is as tall as its content says (within a pixel of rounding).
      const opened = await sized(page);
      assert.ok(Math.abs(opened.frame - opened.content) <= 1, `frame ${opened.frame} px, content ${opened.content} px`);
      // Styled: the lab's style sheet applies (the sandboxed frame fetched it with CORS).
      assert.notEqual((await frameTheme(frame)).bg, 'rgba(0, 0, 0, 0)');
      const bytes = siteBytes();
      assert.ok(bytes <= BUDGET, `${lab} embed transferred ${(bytes / 1024).toFixed(1)} KB`);
      console.log(`# ${lab} (${mode}): ${(bytes / 1024).toFixed(1)} KB gzip sent by the lab site`);
      if (mode === 'element') await screenshot(page, `embed-${lab}-light`);

      // A change in the lab: the height follows, the host hears the new scenario.
      const before = await lastHeight(page);
      await page.evaluate(() => { window.received.length = 0; });
      await spec.change(frame);
      const changed = await waitFor(page, (m) => m.type === 'cloudhop:state-changed');
      assert.equal(changed.lab, lab);
      assert.match(changed.state, new RegExp(`^\\{%22lab%22:%22${lab}%22,%22v%22:`));
      await waitFor(page, (m) => m.type === 'cloudhop:resize' && m.height !== before);
      const grown = await sized(page);
      assert.ok(Math.abs(grown.frame - grown.content) <= 1, `the frame follows the new height: frame ${grown.frame} px, content ${grown.content} px (was ${before} px)`);

      // The theme follows the host.
      const light = await frameTheme(frame);
      await page.evaluate(() => window.setHostTheme('dark'));
      await frame.locator('html[data-theme="dark"]').waitFor();
      const dark = await frameTheme(frame);
      assert.notEqual(dark.bg, light.bg);
      if (mode === 'element') {
        await page.waitForTimeout(200);
        await screenshot(page, `embed-${lab}-dark`);
      }

      // The host keeps the scenario and gives it back: reset, then set-state.
      await page.evaluate(() => window.command({ type: 'cloudhop:get-state' }));
      const state = await waitFor(page, (m) => m.type === 'cloudhop:state');
      assert.equal(state.state, (await messages(page)).map((m) => m.data).filter((d) => d?.type === 'cloudhop:state-changed').at(-1).state);
      await page.evaluate(() => window.command({ type: 'cloudhop:reset' }));
      await page.evaluate(() => { window.received.length = 0; });
      await page.evaluate(() => window.command({ type: 'cloudhop:get-state' }));
      const reset = await waitFor(page, (m) => m.type === 'cloudhop:state');
      assert.notEqual(reset.state, state.state, 'reset went back to the start');
      await page.evaluate((s) => window.command({ type: 'cloudhop:set-state', state: s }), state.state);
      await page.evaluate(() => { window.received.length = 0; });
      await page.evaluate(() => window.command({ type: 'cloudhop:get-state' }));
      assert.equal((await waitFor(page, (m) => m.type === 'cloudhop:state')).state, state.state, 'set-state restored the scenario');
      await page.evaluate(() => window.command({ type: 'cloudhop:set-state', state: 'not a scenario' }));
      assert.match((await waitFor(page, (m) => m.type === 'cloudhop:error')).message, /the state was not opened/);

      if (mode === 'element') {
        const names = await page.evaluate(() => window.domEvents.map((e) => e.name));
        for (const n of ['cloudhop-ready', 'cloudhop-resize', 'cloudhop-state-changed', 'cloudhop-state', 'cloudhop-error']) assert.ok(names.includes(n), `${n} re-dispatched (${names})`);
      }
      // Every message came from the embed, to this page; nothing else was requested.
      assert.deepEqual(page.problems, []);
      await context.close();
    });
  }

  test(`${lab} embed with an exercise reports the verdict`, async () => {
    const { page, frame, context } = await openHost(lab, 'sandboxed', { exercise: spec.exercise });
    await frame.locator('.embed-exercise').waitFor();
    await frame.locator('.lab-check').click();
    const checked = await waitFor(page, (m) => m.type === 'cloudhop:checked');
    assert.equal(checked.lab, lab);
    assert.equal(typeof checked.passed, 'boolean');
    const shown = await frame.locator('.lab-verdict').innerText();
    // The page shows the names a message quotes between backticks as code.
    assert.ok(shown.includes(checked.message.replaceAll('`', '')), `${shown} / ${checked.message}`);
    assert.match(checked.state, new RegExp(`%22lab%22:%22${lab}%22`));
    assert.deepEqual(page.problems, []);
    await context.close();
  });

  test(`${lab} embed naming another host sends it no scenario and takes no command from this page`, async () => {
    const { page, frame, context } = await openHost(lab, 'iframe', { named: elsewhere.origin, ready: false });
    await LABS[lab].change(frame);
    await page.evaluate(() => window.command({ type: 'cloudhop:set-theme', theme: 'dark' }));
    await page.evaluate(() => window.command({ type: 'cloudhop:get-state' }));
    await page.waitForTimeout(1000);
    const kinds = (await messages(page)).map((m) => m.data).filter((d) => d && typeof d === 'object').map((d) => d.type);
    // The browser drops messages posted to another origin than the parent's: ready and
    // resize went to that origin too, so this page hears nothing of the cloudhop kind.
    assert.deepEqual(kinds.filter((k) => k !== 'cloudhop:ready' && k !== 'cloudhop:resize'), []);
    assert.equal(await frame.locator('html').getAttribute('data-theme'), 'light', 'set-theme from another origin is ignored');
    assert.deepEqual(page.problems.filter((p) => !/postMessage/.test(p)), []);
    await context.close();
  });
}

test('an old #/embed/<lab> link forwards to the lab bundle with its scenario', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const s = '%7B%22lab%22:%22latency%22,%22v%22:1,%22state%22:%7B%7D%7D';
  await page.goto(`${site.url}index.html#/embed/latency?s=${s}`);
  await page.waitForURL(/\/embed\/latency\/\?s=/);
  await page.locator('main.embed[data-lab="latency"] > *').first().waitFor();
  assert.ok(page.url().endsWith(`/embed/latency/?s=${s}`), page.url());
  await context.close();
});
