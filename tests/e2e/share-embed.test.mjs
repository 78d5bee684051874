// The Share / embed control under every lab (its page and a lesson's exercise): opened
// with the keyboard, it gives the link, the iframe snippet, the <cloudhop-lab> snippet and
// the mdBook block for the scenario on screen, each with Copy, and a live preview of the
// embed. Checked per lab: each text holds the current scenario (the one in the address
// bar), the preview renders that scenario, Copy puts the shown text on the clipboard, the
// copied iframe snippet pasted into a page of another origin shows the lab, axe finds no
// violation in the control, and nothing is refused by the CSP or fetched from elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DIST, launch, openApp, screenshot } from './harness.mjs';
import { serveDir } from './gzip-server.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Per lab: a change a learner makes that changes its scenario.
const LABS = {
  planner: (p) => p.locator('.planner-checks').getByRole('button', { name: /Fix: move aws-prod to / }).click(),
  bgp: async (p) => {
    await p.locator('.bgp-graph .bgp-node[data-asn="65010"]').click();
    const lp = p.locator('.bgp-panel tr[data-neighbor="64600"] .bgp-lp');
    await lp.fill('250');
    await lp.dispatchEvent('change');
  },
  latency: (p) => p.getByRole('tab', { name: 'Hub and spoke' }).click(),
  failover: (p) => p.getByRole('button', { name: 'Compare with a copy' }).click(),
  dns: (p) => p.locator('.dns-card-rules .dns-remove').first().click(),
};

let site;
let host;
let browser;
const hostPages = {};

before(async () => {
  site = await serveDir(DIST);
  host = await serveDir(null, { pages: hostPages });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([site, host].map((s) => s?.close()));
});

const snippetText = (scope, kind) => scope.locator(`.share-snippet[data-snippet$="-${kind}"] pre`).innerText();

/** Open the control of `scope` with the keyboard (focus its summary, press Enter). */
async function openControl(scope) {
  const summary = scope.locator('.share-embed > summary');
  await summary.focus();
  await summary.press('Enter');
  await scope.locator('.share-embed[open] .share-snippet').first().waitFor();
}

async function axeOn(page, selector) {
  await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    const r = await window.axe.run(sel, { runOnly: ['wcag2a', 'wcag2aa'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

/** The state the address bar holds now (`#/lab/<lab>?s=…`), once the lab has written it. */
async function stateInUrl(page, lab, not) {
  for (let i = 0; i < 200; i++) {
    const m = new URL(page.url()).hash.match(new RegExp(`^#/lab/${lab}\\?s=(.+)$`));
    if (m && m[1] !== not) return m[1];
    await page.waitForTimeout(100);
  }
  throw new Error(`no new state in ${page.url()}`);
}

for (const [lab, change] of Object.entries(LABS)) {
  test(`${lab} lab page: Share / embed gives the current scenario four ways, a live preview, and a snippet that works elsewhere`, async () => {
    const page = await openApp(browser, site.url, `#/lab/${lab}`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    const first = await stateInUrl(page, lab);
    await change(page);
    const state = await stateInUrl(page, lab, first);
    assert.match(state, new RegExp(`^\\{%22lab%22:%22${lab}%22,%22v%22:`));

    await openControl(page);
    assert.equal(await snippetText(page, 'link'), `${site.url}#/lab/${lab}?s=${state}`);
    const iframe = await snippetText(page, 'iframe');
    assert.ok(iframe.startsWith(`<iframe src="${site.url}embed/${lab}/?s=${state}" title="cloudhop `), iframe);
    const element = await snippetText(page, 'element');
    assert.ok(element.startsWith(`<script src="${site.url}cloudhop-lab.js" defer></script>\n<cloudhop-lab lab="${lab}" state="${state}" `), element);
    assert.equal(await snippetText(page, 'mdbook'), `\`\`\`cloudhop lab=${lab} state=${state}\n\`\`\`\n`);
    assert.match(await snippetText(page, 'book-toml'), new RegExp(`site = "${site.url}"`));
    // Shown as text: nothing of the snippets became an element of the page.
    assert.equal(await page.locator('.share-snippet cloudhop-lab, .share-snippet script, .share-snippet iframe').count(), 0);

    // The live preview: the embed of this scenario, from this site.
    const preview = page.frameLocator('.share-preview iframe');
    await preview.locator(`main.embed[data-lab="${lab}"] > *`).first().waitFor();
    assert.ok((await preview.locator('.embed-credit a').getAttribute('href')).endsWith(`#/lab/${lab}?s=${state}`));

    // Keyboard: Tab from the summary reaches the first Copy button; Enter copies.
    await page.locator('.share-embed > summary').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Copy the link');
    await page.keyboard.press('Enter');
    await page.locator('.share-snippet[data-snippet$="-link"] .copy-status', { hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${site.url}#/lab/${lab}?s=${state}`);
    await page.getByRole('button', { name: 'Copy the iframe snippet' }).click();
    await page.locator('.share-snippet[data-snippet$="-iframe"] .copy-status', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, iframe);

    assert.deepEqual(await axeOn(page, '.share-embed'), []);
    if (lab === 'bgp') await screenshot(page.locator('.share-embed'), 'share-embed-bgp');
    assert.deepEqual(page.problems, []);

    // The copied snippet pasted into a page of another site shows the lab, with its scenario.
    hostPages[`/${lab}.html`] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title></head><body><h1>Pasted snippet</h1>${copied}</body></html>`;
    const other = await browser.newContext();
    const problems = [];
    await other.route('**/*', (route) => {
      const u = route.request().url();
      if ([site.origin, host.origin].some((o) => u.startsWith(`${o}/`))) return route.continue();
      problems.push(`request to another host: ${u}`);
      return route.abort();
    });
    const hostPage = await other.newPage();
    hostPage.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    hostPage.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await hostPage.goto(`${host.url}${lab}.html`);
    const pasted = hostPage.frameLocator('iframe');
    await pasted.locator(`main.embed[data-lab="${lab}"] > *`).first().waitFor();
    assert.ok((await pasted.locator('.embed-credit a').getAttribute('href')).endsWith(`#/lab/${lab}?s=${state}`));
    assert.deepEqual(problems, []);
    await other.close();
    await page.context().close();
  });
}

test('a lesson lab: its Share / embed follows the exercise as the learner works', async () => {
  const page = await openApp(browser, site.url, '#/lesson/hybrid-dns');
  const card = page.locator('[data-exercise="dns-forwarding-loop"]');
  await card.locator('.dns-lab svg.dns-diagram').waitFor();
  await openControl(card);
  const before = await snippetText(card, 'mdbook');
  assert.match(before, /^```cloudhop lab=dns state=\{%22lab%22:%22dns%22,/);
  assert.match(before, /aws-to-dc/);
  await card.locator('.share-preview iframe').waitFor();
  await card.frameLocator('.share-preview iframe').locator('main.embed[data-lab="dns"] > *').first().waitFor();
  // The learner removes the rule that loops: every text follows, the preview too.
  await card.locator('.dns-card-rules li[data-id="aws-to-dc"] .dns-remove').click();
  for (let i = 0; i < 50 && (await snippetText(card, 'mdbook')) === before; i++) await page.waitForTimeout(100);
  const after = await snippetText(card, 'mdbook');
  assert.notEqual(after, before);
  assert.doesNotMatch(after, /aws-to-dc/);
  const state = after.match(/state=(\S+)/)[1];
  assert.equal(await snippetText(card, 'link'), `${site.url}#/lab/dns?s=${state}`);
  const preview = card.frameLocator('.share-preview iframe');
  for (let i = 0; i < 50; i++) {
    const href = await preview.locator('.embed-credit a').getAttribute('href').catch(() => '');
    if (href && href.endsWith(`?s=${state}`)) break;
    await page.waitForTimeout(100);
  }
  assert.ok((await preview.locator('.embed-credit a').getAttribute('href')).endsWith(`#/lab/dns?s=${state}`));
  assert.deepEqual(await axeOn(page, `[data-exercise="dns-forwarding-loop"] .share-embed`), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
