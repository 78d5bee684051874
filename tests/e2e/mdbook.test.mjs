// Labs in an mdBook book: the small book in tests/e2e/mdbook-book/ (two chapters, one with
// two labs) is built with the real `mdbook build` (scripts/setup installs mdbook 0.5.4) and
// the mdbook-cloudhop preprocessor (cargo build -p mdbook-cloudhop), the book is served on
// one port and the built cloudhop site on another, and headless Chromium reads it. Checked:
// each lab renders inside the book with its scenario, the frame is as tall as its content
// and follows it when the content changes, the labs follow mdBook's theme switch (light,
// navy, rust), a block inside another block is left alone, no console error, no CSP
// violation, no request to another host; and a bad block stops the build with the chapter
// and the line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, appendFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT, launch, screenshot, watchedContext, watchedPage } from './harness.mjs';
import { serveDir } from './gzip-server.mjs';

const BOOK = join(ROOT, 'tests/e2e/mdbook-book');
const TARGET = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const PREPROCESSOR = join(TARGET, 'debug', 'mdbook-cloudhop');
const MDBOOK = process.env.MDBOOK || 'mdbook';

let site;
let book;
let browser;
let out;

/** `mdbook build` of `dir` into `dest` with the site and the preprocessor given by env. */
function buildBook(dir, dest) {
  return spawnSync(MDBOOK, ['build', dir, '-d', dest], {
    encoding: 'utf8',
    env: {
      ...process.env,
      MDBOOK_PREPROCESSOR__CLOUDHOP__SITE: site.url,
      MDBOOK_PREPROCESSOR__CLOUDHOP__COMMAND: PREPROCESSOR,
    },
  });
}

before(async () => {
  const version = spawnSync(MDBOOK, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'mdbook is not installed: run scripts/setup (it installs mdbook 0.5.4)');
  assert.match(version.stdout, /v0\.5\./, `mdbook 0.5 expected, found ${version.stdout}`);
  execFileSync('cargo', ['build', '-q', '-p', 'mdbook-cloudhop'], { cwd: ROOT, stdio: 'inherit' });
  assert.ok(existsSync(PREPROCESSOR), PREPROCESSOR);
  site = await serveDir(DIST);
  out = mkdtempSync(join(tmpdir(), 'cloudhop-book-'));
  const built = buildBook(BOOK, out);
  assert.equal(built.status, 0, `mdbook build failed:\n${built.stderr}`);
  book = await serveDir(out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([site, book].map((s) => s?.close()));
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Open a chapter of the book; resolves when every lab in it has said it is ready. */
async function openChapter(path, labs, { colorScheme = 'light' } = {}) {
  const context = await watchedContext(browser, [site.url, book.url], { viewport: { width: 1100, height: 800 }, colorScheme });
  // The elements re-dispatch the embed's messages as DOM events: keep each lab's heights.
  await context.addInitScript(() => {
    window.heights = {};
    for (const t of ['cloudhop-ready', 'cloudhop-resize']) {
      document.addEventListener(t, (e) => {
        const lab = e.target.getAttribute('lab');
        (window.heights[lab] ||= []).push(e.detail.height);
      });
    }
  });
  const page = await watchedPage(context);
  await page.goto(book.url + path);
  for (const lab of labs) {
    await page.frameLocator(`cloudhop-lab[lab="${lab}"] iframe`).locator(`main.embed[data-lab="${lab}"] > *`).first().waitFor();
    await page.waitForFunction((l) => (window.heights[l] || []).length > 0, lab);
  }
  return { page, context };
}

/** The element's getState(), or a failure after 10 s (an embed that never answers). */
const stateOf = (page, lab) => page.locator(`cloudhop-lab[lab="${lab}"]`).evaluate((el) => Promise.race([
  el.getState(),
  new Promise((_, no) => setTimeout(() => no(new Error('no cloudhop:state from the embed')), 10000)),
]));

const frameOf = (page, lab) => page.frameLocator(`cloudhop-lab[lab="${lab}"] iframe`);
/**
 * Wait until the lab's frame is as tall as its content last said (within a pixel), and
 * return its height. Both are read in one turn of the page, so a resize arriving between
 * two reads cannot split them.
 */
async function sized(page, lab) {
  const read = () => page.evaluate((l) => ({
    frame: document.querySelector(`cloudhop-lab[lab="${l}"] iframe`).clientHeight,
    content: window.heights[l].at(-1),
  }), lab);
  let seen = await read();
  for (let i = 0; i < 100 && Math.abs(seen.frame - seen.content) > 1; i++) {
    await page.waitForTimeout(100);
    seen = await read();
  }
  assert.ok(Math.abs(seen.frame - seen.content) <= 1, `${lab}: frame ${seen.frame} px, content ${seen.content} px`);
  return seen.frame;
}

const themeOf = (page, lab) => frameOf(page, lab).locator('html').evaluate((h) => ({ theme: h.dataset.theme || 'auto', bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }));

async function pickBookTheme(page, theme) {
  // mdBook hides its menu bar while the page is scrolled down.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  // The list may still be open from the last pick: the toggle would close it.
  if (!(await page.locator('#mdbook-theme-list').isVisible())) await page.locator('#mdbook-theme-toggle').click();
  await page.locator('#mdbook-theme-list').waitFor();
  await page.locator(`#mdbook-theme-${theme}`).click();
  await page.locator(`html.${theme}`).waitFor({ state: 'attached' });
}

/** The chapter from its first section's heading: text of the book, then the lab. */
async function shot(page, name) {
  await page.keyboard.press('Escape');
  await page.locator('main h1').click();
  await page.evaluate(() => { document.querySelector('main h2').scrollIntoView({ block: 'start' }); window.scrollBy(0, -64); });
  await page.waitForTimeout(500);
  await screenshot(page, name, { viewportOnly: true });
}

test('a chapter with two labs: each renders with its scenario, sizes itself and follows the book theme', async () => {
  const { page, context } = await openChapter('routing.html', ['bgp', 'latency']);
  // The preprocessor wrote the elements and the scripts once.
  assert.equal(await page.locator('script[src$="cloudhop-lab.js"]').count(), 1);
  assert.equal(await page.locator('script[src$="cloudhop-mdbook.js"]').count(), 1);
  assert.equal(await page.locator('cloudhop-lab iframe').count(), 2);
  // The latency lab opened the block's scenario (three regions), not its default (six).
  const latency = await stateOf(page, 'latency');
  assert.match(latency, /japaneast/);
  assert.doesNotMatch(latency, /australiaeast/);
  assert.equal(await page.locator('cloudhop-lab[lab="latency"] iframe').getAttribute('title'), 'Mesh or hub latency');

  // As tall as its content, then following it.
  for (const lab of ['bgp', 'latency']) assert.ok((await sized(page, lab)) > 200, `${lab} has a height`);
  const before = await sized(page, 'bgp');
  await frameOf(page, 'bgp').locator('.bgp-graph .bgp-node[data-asn="65010"]').click();
  await page.waitForFunction((h) => window.heights.bgp.at(-1) !== h, before);
  const afterChange = await sized(page, 'bgp');
  assert.notEqual(afterChange, before, 'the frame followed the new height');

  // The book is light: so are the labs (opened so, before any message).
  for (const lab of ['bgp', 'latency']) assert.equal((await themeOf(page, lab)).theme, 'light');
  await shot(page, 'mdbook-light');
  const light = await themeOf(page, 'bgp');
  // mdBook's theme switch: navy and coal are dark, rust light.
  await pickBookTheme(page, 'navy');
  for (const lab of ['bgp', 'latency']) await frameOf(page, lab).locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  const dark = await themeOf(page, 'bgp');
  assert.notEqual(dark.fg, light.fg, 'the dark theme has other colours');
  await shot(page, 'mdbook-navy');
  await pickBookTheme(page, 'rust');
  for (const lab of ['bgp', 'latency']) await frameOf(page, lab).locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  await pickBookTheme(page, 'coal');
  await frameOf(page, 'latency').locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a chapter read in a dark book opens its lab dark; a block inside another block stays code', async () => {
  // mdBook's default follows the reader's system: navy here (preferred-dark-theme).
  const { page, context } = await openChapter('plans.html', ['planner'], { colorScheme: 'dark' });
  await page.locator('html.navy').waitFor({ state: 'attached' });
  assert.equal((await themeOf(page, 'planner')).theme, 'dark');
  const state = await stateOf(page, 'planner');
  assert.match(state, /Docs%20example/);
  assert.ok((await sized(page, 'planner')) > 200);
  assert.match(await page.locator('pre code.language-markdown').innerText(), /```cloudhop lab=planner/);
  assert.equal(await page.locator('cloudhop-lab').count(), 1);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a bad block stops the build, naming the chapter, the line and the known labs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudhop-badbook-'));
  try {
    cpSync(BOOK, dir, { recursive: true });
    appendFileSync(join(dir, 'src/routing.md'), '\n```cloudhop lab=teleport\n```\n');
    const r = buildBook(dir, join(dir, 'out'));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /chapter "Routing and latency" \(routing\.md\) line \d+: unknown lab `teleport` \(known: planner, bgp, latency, failover, dns\)/);
    assert.doesNotMatch(r.stderr, /panicked/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
