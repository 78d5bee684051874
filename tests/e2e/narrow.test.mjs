// Every lab at phone and docs-column widths (issue 13 point 7b, issue 12 point 5): in the
// course (its lab page and the lesson that holds one of its exercises) and as an embed
// (dist/embed/<lab>/, whose viewport is the iframe's width), at 360, 600 and 750 px:
//
// - the page never scrolls sideways (document scrollWidth <= clientWidth);
// - every piece of text in the lab is at least 11 px as rendered on screen: for SVG <text>
//   its computed font size times the scale of its getScreenCTM() (a graph drawn in a large
//   viewBox and shrunk to fit counts as small as it looks), for HTML its computed size;
// - every interactive element (links, buttons, selects, inputs, summaries, elements with a
//   role of button or tab or a tabindex, clickable SVG nodes) has a box of at least 24 x 24
//   CSS px. This is the plain size rule of WCAG 2.5.8, not its spacing exception: a target
//   smaller than 24 px fails even when nothing is near it;
// - every link in an embed opens in a new tab (target="_blank", rel with noopener), so that
//   following it never navigates the frame away from the lab.
//
// Each lab is checked in its first state and after a step that opens more of it (a node's
// panel, a second column, a played query), where the lab has one. Screenshots at 360 px go
// to target/screenshots/narrow-<lab>-<where>-360.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, useSite, launch, screenshot } from './harness.mjs';

const WIDTHS = [360, 600, 750];
const MIN_TEXT = 11;
const MIN_TARGET = 24;

const LABS = {
  planner: {
    ready: '.planner .planner-bar',
    lesson: 'address-planning',
    exercise: 'reserved-addresses',
  },
  bgp: {
    ready: '.bgp-graph',
    lesson: 'internet-routing',
    exercise: 'local-pref-beats-path',
    more: async (scope) => {
      await scope.locator('.bgp-graph .bgp-node').first().click();
      await scope.locator('.bgp-panel').first().waitFor();
    },
  },
  latency: {
    ready: '.latency-lab .latency-map svg',
    lesson: 'mesh-vs-hub',
    exercise: 'mesh-tunnels-12',
    more: async (scope) => {
      const hub = scope.getByRole('tab', { name: 'Hub and spoke' });
      if (await hub.count()) await hub.first().click();
    },
  },
  failover: {
    ready: '.failover-lab svg.failover-timeline',
    lesson: 'failover',
    exercise: 'dns-under-a-minute',
    more: async (scope) => {
      const compare = scope.getByRole('button', { name: 'Compare with a copy' });
      if (await compare.count()) await compare.first().click();
    },
  },
  dns: {
    ready: '.dns-lab svg.dns-diagram',
    lesson: 'hybrid-dns',
    exercise: 'dns-ec2-to-ad',
    more: async (scope) => {
      await scope.locator('.dns-step-go').first().click();
      await scope.locator('.dns-step-current').first().waitFor();
    },
  },
};

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** Everything wrong with the element `scope` at this width, measured in the page. */
function measure([scopeSelector, MIN_TEXT, MIN_TARGET]) {
  const scope = document.querySelector(scopeSelector);
  const doc = document.documentElement;
  const out = {
    scrollWidth: doc.scrollWidth,
    clientWidth: doc.clientWidth,
    smallText: [],
    smallTargets: [],
    links: [],
    minText: Infinity,
    minTarget: Infinity,
  };
  if (!scope) return { ...out, missing: scopeSelector };
  const name = (el) => {
    const cls = el.getAttribute('class') ? `.${el.getAttribute('class').trim().split(/\s+/).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${cls}`;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  // Text: every element with a text node of its own.
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('title, desc, style, script, option, .visually-hidden')) continue;
    if (!shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    let scale = 1;
    if (el instanceof SVGElement && el.ownerSVGElement) {
      const m = el.getScreenCTM();
      if (m) scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    const px = size * scale;
    out.minText = Math.min(out.minText, px);
    if (px < MIN_TEXT - 0.05) out.smallText.push(`${name(el)} "${n.textContent.trim().slice(0, 24)}" ${px.toFixed(1)}px`);
  }
  // Targets.
  const interactive = scope.querySelectorAll(
    'a[href], button, select, input:not([type=hidden]), textarea, summary, [role=button], [role=tab], [role=link], [tabindex]:not([tabindex="-1"])',
  );
  for (const el of interactive) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    const small = Math.min(r.width, r.height);
    out.minTarget = Math.min(out.minTarget, small);
    if (r.width < MIN_TARGET - 0.05 || r.height < MIN_TARGET - 0.05) {
      out.smallTargets.push(`${name(el)}${el.type ? `[${el.type}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${r.width.toFixed(0)}x${r.height.toFixed(0)}`);
    }
  }
  for (const a of scope.querySelectorAll('a[href]')) {
    out.links.push({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') || '' });
  }
  return out;
}

/** Problems found at one width, as lines; an empty list is a pass. */
function problemsOf(m, { embed }) {
  const p = [];
  if (m.missing) return [`${m.missing} not found`];
  if (m.scrollWidth > m.clientWidth) p.push(`page scrolls sideways: scrollWidth ${m.scrollWidth} > clientWidth ${m.clientWidth}`);
  const few = (list) => list.slice(0, 12).join('; ') + (list.length > 12 ? `; … ${list.length} in all` : '');
  if (m.smallText.length) p.push(`text under ${MIN_TEXT}px (smallest ${m.minText.toFixed(1)}px): ${few(m.smallText)}`);
  if (m.smallTargets.length) p.push(`targets under ${MIN_TARGET}px (smallest ${m.minTarget.toFixed(0)}px): ${few(m.smallTargets)}`);
  if (embed) {
    const bad = m.links.filter((l) => l.target !== '_blank' || !/\bnoopener\b/.test(l.rel));
    if (bad.length) p.push(`links that navigate the frame: ${bad.map((l) => `${l.href} target=${l.target} rel=${l.rel}`).join('; ')}`);
  }
  return p;
}

async function openEmbed(lab, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}embed/${lab}/`);
  await page.waitForSelector('main.embed[data-ready="true"] > *', { timeout: 30000 });
  return page;
}

for (const [lab, spec] of Object.entries(LABS)) {
  const places = {
    lab: { scope: '#main .lab-page', open: (w) => openApp(browser, server.url, `#/lab/${lab}`, { viewport: { width: w, height: 800 } }) },
    lesson: {
      scope: `[data-exercise="${spec.exercise}"]`,
      open: (w) => openApp(browser, server.url, `#/lesson/${spec.lesson}`, { viewport: { width: w, height: 800 } }),
    },
    embed: { scope: 'main.embed', open: (w) => openEmbed(lab, w), embed: true },
  };
  for (const [where, place] of Object.entries(places)) {
    test(`${lab} lab (${where}) fits 360, 600 and 750 px: no sideways scroll, text >= ${MIN_TEXT}px, targets >= ${MIN_TARGET}px${place.embed ? ', links open a new tab' : ''}`, async () => {
      const failures = [];
      for (const width of WIDTHS) {
        const page = await place.open(width);
        try {
          const scope = page.locator(place.scope).first();
          await scope.locator(spec.ready).first().waitFor({ timeout: 30000 });
          await page.waitForTimeout(150);
          const first = await page.evaluate(measure, [place.scope, MIN_TEXT, MIN_TARGET]);
          const figures = (m) => `scrollWidth ${m.scrollWidth}/${m.clientWidth}, smallest text ${m.minText.toFixed(1)} px, smallest target ${m.minTarget.toFixed(0)} px`;
          console.log(`# ${lab} ${where} ${width}px: ${figures(first)}`);
          for (const line of problemsOf(first, place)) failures.push(`${width}px: ${line}`);
          if (width === 360) await screenshot(page, `narrow-${lab}-${where}-360`);
          if (spec.more) {
            await spec.more(scope);
            await page.waitForTimeout(150);
            const after = await page.evaluate(measure, [place.scope, MIN_TEXT, MIN_TARGET]);
            console.log(`# ${lab} ${where} ${width}px opened: ${figures(after)}`);
            for (const line of problemsOf(after, place)) failures.push(`${width}px, opened: ${line}`);
            if (width === 360) await screenshot(page, `narrow-${lab}-${where}-360-opened`);
          }
          assert.deepEqual(page.problems.filter((p) => /page error/.test(p)), []);
        } finally {
          await page.context().close();
        }
      }
      assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
    });
  }
}

// The checks themselves can fail: a page made too wide, text drawn at 8 px, a 16 px button
// and a link without a target are each reported.
test('the narrow checks catch a wide page, small text, a small target and a frame link', async () => {
  const local = await launch();
  try {
    const page = await local.newPage({ viewport: { width: 360, height: 600 } });
    await page.setContent(`<main class="embed"><div style="width:500px">wide</div>
      <svg viewBox="0 0 1000 100" width="340"><text x="10" y="50" font-size="20">tiny</text></svg>
      <button style="width:16px;height:16px;padding:0">x</button><a href="https://example.org/">source</a></main>`);
    const m = await page.evaluate(measure, ['main.embed', MIN_TEXT, MIN_TARGET]);
    const p = problemsOf(m, { embed: true });
    assert.match(p.join('\n'), /scrolls sideways/);
    assert.match(p.join('\n'), /text under 11px .*"tiny" 6\.8px/);
    assert.match(p.join('\n'), /targets under 24px/);
    assert.match(p.join('\n'), /links that navigate the frame: https:\/\/example\.org\//);
  } finally {
    await local.close();
  }
});
