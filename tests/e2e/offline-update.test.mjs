// End-to-end tests of offline use and updates (issue 16, point 3), on one origin whose
// server can switch between two releases or go down:
//
// - release A is the built site (a copy of dist/); release B is a copy of it with a changed
//   wasm file under a new name (a custom section added, which the browser ignores) and its
//   own release id (scripts/release-manifest.mjs, as scripts/build-site runs it);
// - one online visit to A, then offline with the HTTP cache cleared and the server down: a
//   reload shows the app, whole;
// - the server switches to B: the page stays wholly A (A's html and A's wasm, which B's
//   server no longer has) until the learner takes the reload the banner offers, by
//   keyboard; then it is wholly B (B's html and B's wasm, nothing of A), A's cache is
//   gone, progress is as it was, and B works offline in turn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT, launch, openTab, screenshot, serve, watchCsp } from './harness.mjs';

let work;
let A;
let B;
let current = null; // the folder served, or null: the server is down
let server;
let browser;

/** LEB128, as the wasm binary format writes sizes. */
function leb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

/** `wasm` with a custom section `name` holding `text` appended (still a valid module). */
function withCustomSection(wasm, name, text) {
  const n = Buffer.from(name);
  const body = Buffer.concat([leb(n.length), n, Buffer.from(text)]);
  return Buffer.concat([wasm, Buffer.from([0]), leb(body.length), body]);
}

/** The release id a folder's index.html names. */
async function releaseOf(dir) {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  return html.match(/<meta name="cloudhop-release" content="([^"]+)">/)?.[1] ?? null;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'cloudhop-releases-'));
  A = join(work, 'A');
  B = join(work, 'B');
  await cp(DIST, A, { recursive: true });
  await cp(DIST, B, { recursive: true });
  // Release B: the wasm changes, and so does its name (as a new build's hash would).
  const wasmA = (await readdir(B)).find((f) => f.endsWith('_bg.wasm'));
  const wasmB = wasmA.replace(/-[0-9a-f]+_bg\.wasm$/, '-releaseb_bg.wasm');
  assert.notEqual(wasmA, wasmB, `a hashed wasm name: ${wasmA}`);
  const bytes = withCustomSection(await readFile(join(B, wasmA)), 'cloudhop-release', 'B');
  await writeFile(join(B, wasmA), bytes);
  await rename(join(B, wasmA), join(B, wasmB));
  let html = await readFile(join(B, 'index.html'), 'utf8');
  html = html.split(wasmA).join(wasmB);
  // Trunk may pin the preloaded wasm with an integrity hash: drop it for the changed file.
  html = html.replace(new RegExp(`(<link[^>]*${wasmB.replace(/\./g, '\\.')}[^>]*?)\\s+integrity="[^"]*"`), '$1');
  await writeFile(join(B, 'index.html'), html);
  // A worker without a release list (a build from before it had one) is left as it is.
  if ((await readFile(join(B, 'sw.js'), 'utf8')).includes('// cloudhop:release')) {
    execFileSync('node', [join(ROOT, 'scripts', 'release-manifest.mjs'), B]);
  }
  current = A;
  server = await serve(() => current);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A fresh browser profile's context (its own caches and service workers). */
async function freshContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.problems = [];
  const origin = new URL(server.url).origin;
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) {
      context.problems.push(`request to another host: ${u}`);
    }
  });
  await watchCsp(context);
  return context;
}

/** Wait until the page is controlled by an active worker, and return the cache names. */
async function controlled(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
    return caches.keys();
  });
}

/** What the page runs: its release id, and the wasm, js and css files it loaded. */
const running = (page) =>
  page.evaluate(() => ({
    release: document.querySelector('meta[name="cloudhop-release"]')?.content ?? null,
    files: performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.split('/').pop())
      .filter((f) => /\.(wasm|js|css)$/.test(f)),
  }));

/** Server down, browser offline, HTTP cache empty. */
async function goOffline(context, page) {
  current = null;
  await context.setOffline(true);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

async function goOnline(context, dir) {
  current = dir;
  await context.setOffline(false);
}

/** The app works: a lab draws from the engines. */
async function labWorks(page) {
  await page.evaluate(() => { location.hash = '#/lab/latency'; });
  await page.waitForSelector('.latency-matrix td[data-c]', { timeout: 20000 });
}

test('one online visit is enough: offline, with the HTTP cache cleared, a reload shows the app', async () => {
  const idA = await releaseOf(A);
  assert.ok(idA, 'dist/index.html names its release (scripts/build-site writes it)');
  current = A;
  const context = await freshContext();
  const page = await openTab(context, server.url, '#/');
  const keys = await controlled(page);
  assert.ok(keys.includes(`cloudhop-release-${idA}`), `caches: ${keys}`);

  await goOffline(context, page);
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]', { timeout: 20000 });
  assert.equal((await running(page)).release, idA);
  await labWorks(page);
  // A new tab, offline, opens too.
  const other = await openTab(context, server.url, '#/lab/bgp');
  await other.waitForSelector('.bgp-graph');
  await screenshot(other, 'offline-after-one-visit', { viewportOnly: true });
  assert.deepEqual(context.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|503/.test(p)), []);
  await goOnline(context, A);
  await context.close();
});

test('a new release is offered, a reload takes all of it, A and B never mix, progress is kept', async () => {
  const [idA, idB] = [await releaseOf(A), await releaseOf(B)];
  assert.ok(idA && idB && idA !== idB, `two releases: ${idA} ${idB}`);
  const wasmA = (await readdir(A)).find((f) => f.endsWith('_bg.wasm'));
  const wasmB = (await readdir(B)).find((f) => f.endsWith('_bg.wasm'));
  const filesB = new Set(await readdir(B));

  current = A;
  const context = await freshContext();
  const page = await openTab(context, server.url, '#/');
  await controlled(page);
  // Some progress: an answer to the first quiz item of the first lesson.
  await page.locator('main a[href^="#/lesson/"]').first().click();
  const item = page.locator('[data-item]').first();
  await item.locator('input').first().check();
  await item.getByRole('button', { name: 'Check answer' }).click();
  await item.locator('.verdict').waitFor();
  const stored = () => page.evaluate(() => Object.fromEntries(
    Object.keys(localStorage).filter((k) => k.startsWith('cloudhop')).map((k) => [k, localStorage.getItem(k)]),
  ));
  const before = await stored();
  assert.ok(Object.keys(before).length > 0, 'the answer is stored');

  // Release B is deployed. The next visit still runs A, whole: A's wasm is not on the
  // server any more, so it can only come from A's cache.
  current = B;
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]');
  let now = await running(page);
  assert.equal(now.release, idA);
  assert.ok(now.files.includes(wasmA) && !now.files.includes(wasmB), `A's files: ${now.files}`);

  // B has installed beside A: the learner is offered a reload, calmly.
  const banner = page.locator('.update-banner');
  await banner.waitFor({ timeout: 30000 });
  assert.equal(await banner.getAttribute('role'), 'status');
  assert.match(await banner.innerText(), /A new version of cloudhop is ready/);
  const keys = await page.evaluate(() => caches.keys());
  assert.ok(keys.includes(`cloudhop-release-${idA}`) && keys.includes(`cloudhop-release-${idB}`), `caches: ${keys}`);
  await screenshot(page, 'update-offered', { viewportOnly: true });

  // By keyboard: the banner's buttons are the last in the tab order.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Later');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Reload');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.waitForSelector('#main[data-ready="true"]');

  now = await running(page);
  assert.equal(now.release, idB);
  assert.ok(now.files.includes(wasmB) && !now.files.includes(wasmA), `B's files: ${now.files}`);
  for (const f of now.files) assert.ok(filesB.has(f), `${f} is a file of release B`);
  assert.equal(await banner.count(), 0);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`cloudhop-release-${idB}`], 'A\'s cache is deleted');
  const after = await stored();
  for (const [k, v] of Object.entries(before)) assert.equal(after[k], v, `${k} is as it was`);

  // And B works offline in its turn.
  await goOffline(context, page);
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]', { timeout: 20000 });
  assert.equal((await running(page)).release, idB);
  await labWorks(page);
  assert.deepEqual(context.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|503/.test(p)), []);
  await goOnline(context, A);
  await context.close();
});
