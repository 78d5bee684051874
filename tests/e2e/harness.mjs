// Shared set-up for the end-to-end tests: serve the built site (dist/) on 127.0.0.1 and
// drive Debian's Chromium with playwright-core. No request ever leaves this machine: the
// server binds to loopback and the browser runs with background networking off; any
// request to another host fails the test that made it (see `openApp`).

import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { before, after } from 'node:test';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const DIST = process.env.CLOUDHOP_DIST || join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'target', 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serve `dir` on 127.0.0.1 at a free port. Returns { url, close }. `dir` may be a function
 * giving the folder to serve at each request (a test switching releases on one origin), or
 * null for a server that is down (every request gets 503). `options.handle(req, res, path)`
 * may answer a request itself (a proxy, for example) by returning true; every other request
 * is served from the folder.
 */
export async function serve(dir = DIST, options = {}) {
  const first = typeof dir === 'function' ? dir() : dir;
  if (first && !existsSync(join(first, 'index.html'))) {
    throw new Error(`${first}/index.html is missing: build the site first (scripts/build-site)`);
  }
  const server = createServer(async (req, res) => {
    const root = typeof dir === 'function' ? dir() : dir;
    if (!root) {
      res.writeHead(503);
      res.end('down');
      return;
    }
    if (options.handle && options.handle(req, res, new URL(req.url, 'http://x').pathname)) return;
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
      if (!file.startsWith(root)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launch headless Chromium with the flags this sandbox needs. */
export async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Open the app at `hash` in a fresh context. Collects page errors, console errors and any
 * request to a host other than the test server into `page.problems`. `options.initScript`
 * runs in every page before the app's own scripts (to break storage, for example).
 */
export async function openApp(browser, baseUrl, hash = '#/', options = {}) {
  const context = await watchedContext(browser, baseUrl, options);
  if (options.initScript) await context.addInitScript(options.initScript);
  return openTab(context, baseUrl, hash);
}

/**
 * A fresh browser context (no storage, no cache) whose requests to any host but the
 * origins of `allowed` (a URL or a list of them: the test's own servers) are refused and
 * recorded in `context.problems`. `options.viewport` and `options.colorScheme` as for `openApp`.
 */
export async function watchedContext(browser, allowed, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 900 },
    colorScheme: options.colorScheme || 'light',
    acceptDownloads: true,
  });
  const origins = [allowed].flat().map((u) => new URL(u).origin);
  context.problems = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (origins.some((o) => u === o || u.startsWith(`${o}/`)) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    context.problems.push(`request to another host: ${u}`);
    return route.abort();
  });
  return context;
}

/**
 * Record every Content-Security-Policy violation in the pages of `context` (one made by
 * `openApp`) into `context.problems`, as "CSP violation: DIRECTIVE blocked WHAT (SAMPLE)".
 * The browser fires `securitypolicyviolation` for each refused script, style, frame or
 * request; the suite's tests expect `page.problems` to stay empty, so any violation fails
 * them. Called by `openTab`; a second call on the same context does nothing.
 */
export async function watchCsp(context) {
  if (context.cspWatched) return;
  context.cspWatched = true;
  context.problems ||= [];
  await context.exposeBinding('__cloudhopCspViolation', (_source, v) => {
    context.problems.push(`CSP violation: ${v.directive} blocked ${v.blocked || 'inline'}${v.sample ? ` (${v.sample})` : ''} at ${v.source}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cloudhopCspViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile || e.documentURI}:${e.lineNumber}`,
      });
    });
  });
}

/**
 * A new page in `context` (one from `watchedContext`) whose page errors, console errors and
 * Content-Security-Policy violations go into `page.problems`, with the context's requests
 * to other hosts.
 */
export async function watchedPage(context) {
  await watchCsp(context);
  const page = await context.newPage();
  page.problems = context.problems;
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`);
  });
  return page;
}

/**
 * Open another tab of the app at `hash` in `context` (one made by `openApp`: the tabs share
 * its storage). Its page errors, console errors and Content-Security-Policy violations go
 * into `page.problems`, with the context's requests to other hosts.
 */
export async function openTab(context, baseUrl, hash = '#/') {
  const page = await watchedPage(context);
  await page.goto(baseUrl + hash);
  await page.waitForSelector('#main[data-ready="true"]', { timeout: 20000 });
  return page;
}

/**
 * Save a screenshot under target/screenshots/NAME.png and return its path: the full page
 * for a page, the element for a locator. `options.viewportOnly` keeps a page's shot to what
 * is on screen.
 */
export async function screenshot(target, name, options = {}) {
  await mkdir(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  const isPage = typeof target.goto === 'function';
  await target.screenshot(isPage ? { path, fullPage: !options.viewportOnly } : { path });
  return path;
}

/**
 * Serve the built site and launch Chromium once for a test file; `ready(server, browser)`
 * hands both to the file before its first test. Both are closed after its last test.
 */
export function useSite(ready) {
  let server;
  let browser;
  before(async () => {
    server = await serve();
    browser = await launch();
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** The shipped course as `cloudhop lessons export` gives it (answer keys included). */
export function exportedCourse() {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'cloudhop-cli', '--', 'lessons', 'export'], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out.toString());
}

/** Export progress from the Progress page; returns the downloaded file's text. */
export async function exportProgress(page, baseUrl) {
  await page.goto(baseUrl + '#/progress');
  await page.waitForSelector('.progress-page');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress (JSON)' }).click(),
  ]);
  return readFile(await download.path(), 'utf8');
}

/** A lesson's single-choice items (from `exportedCourse()`), each with the authored index of its right option. */
export function singleChoiceItems(lesson) {
  return lesson.quiz
    .filter((q) => q.kind.type === 'single_choice')
    .map((q) => ({ id: q.id, right: q.kind.options.findIndex((o) => o.correct) }));
}

/** Answer a single-choice item right (options are picked by authored index, whatever order they show in). */
export async function answerRight(page, { id, right }) {
  const item = page.locator(`[data-item="${id}"]`);
  await item.locator(`input[value="${right}"]`).check();
  await item.getByRole('button', { name: 'Check answer' }).click();
  await item.locator('.verdict.ok').waitFor();
}

/**
 * Answer any quiz item (from `exportedCourse()`) right with its key, in a page or a frame:
 * choice options by authored index (they show in a per-learner order), true/false by its
 * answer, a short answer by its first accepted form; then wait for the verdict.
 */
export async function answerItemRight(target, item) {
  const box = target.locator(`[data-item="${item.id}"]`);
  const kind = item.kind;
  switch (kind.type) {
    case 'single_choice':
    case 'multiple_choice':
      for (const [i, o] of kind.options.entries()) if (o.correct) await box.locator(`input[value="${i}"]`).check();
      break;
    case 'true_false':
      await box.locator(`input[value="${kind.answer}"]`).check();
      break;
    case 'short_answer':
      await box.locator('input.short-answer').fill(kind.accepted[0]);
      break;
    default:
      throw new Error(`unknown item type ${kind.type}`);
  }
  await box.getByRole('button', { name: 'Check answer' }).click();
  await box.locator('.verdict.ok').waitFor({ timeout: 20000 });
}
