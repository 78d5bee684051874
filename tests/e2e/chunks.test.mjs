// End-to-end tests of the course's split build (issue 13, 1b; app/src/chunks.rs,
// scripts/split-course.mjs): the course map fetches no lab's code and not the instructor's
// pages; opening a lab fetches that lab's chunk and no other; every lab, on its page and in
// a lesson, renders from its chunk; the instructor's pages come in their own chunk; and a
// chunk that cannot be fetched is a message with "Try again" that works once the network
// is back, not a dead page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DIST, ROOT, openApp, openTab, useSite, watchedContext } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

const LABS = [
  ['planner', 'section.lab.planner'],
  ['bgp', 'section.lab.bgp-lab'],
  ['latency', 'section.lab.latency-lab'],
  ['failover', 'section.lab.failover-lab'],
  ['dns', 'section.lab.dns-lab'],
];
/** `bgp` for split-lab-bgp-<hash>.wasm, `instructor` for split-instructor-<hash>.wasm, `handin` for split-handin-<hash>.wasm. */
const chunkOf = (url) => /\/split-(?:lab-)?([a-z]+)-[0-9a-f]+\.wasm$/.exec(new URL(url).pathname)?.[1] ?? null;

/** The labs whose chunk the page has requested so far. */
function chunkRequests(page) {
  const labs = [];
  page.on('request', (r) => {
    const lab = chunkOf(r.url());
    if (lab) labs.push(lab);
  });
  return labs;
}

test('the built site has one chunk per lab, named after its content', () => {
  const files = readdirSync(DIST);
  for (const [lab] of LABS) {
    assert.equal(files.filter((f) => new RegExp(`^split-lab-${lab}-[0-9a-f]{16}\\.wasm$`).test(f)).length, 1, `${lab}: ${files.filter((f) => f.includes(lab))}`);
  }
  assert.equal(files.filter((f) => /^split-instructor-[0-9a-f]{16}\.wasm$/.test(f)).length, 1, 'the instructor pages');
  assert.equal(files.filter((f) => /^split-handin-[0-9a-f]{16}\.wasm$/.test(f)).length, 1, 'the hand-in page');
  assert.equal(files.filter((f) => /^cloudhop-chunks-[0-9a-f]{16}\.js$/.test(f)).length, 1, 'one chunk loader');
  assert.ok(!files.includes('__wasm_split.js'), 'the loader is renamed');
});

test('the course map fetches no chunk; each lab page fetches its own chunk only', async () => {
  const page = await openApp(browser, server.url, '#/');
  const fetched = chunkRequests(page);
  await page.waitForSelector('.course-map a[href^="#/lesson/"]');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(fetched, [], 'no chunk for the map');
  for (const [lab, ready] of LABS) {
    const before = fetched.length;
    await page.evaluate((h) => { location.hash = h; }, `#/lab/${lab}`);
    await page.waitForSelector(ready, { timeout: 20000 });
    assert.equal(await page.locator('.chunk-loading').count(), 0, `${lab}: the loading line is gone`);
    assert.deepEqual(fetched.slice(before), [lab], `${lab}: its chunk and no other lab's`);
  }
  // A lab shown before is drawn at once: no second fetch, no loading line.
  const before = fetched.length;
  await page.evaluate(() => { location.hash = '#/lab/planner'; });
  await page.waitForSelector('section.lab.planner');
  assert.equal(fetched.length, before, 'no fetch for a lab already in');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a lesson\'s exercise draws its lab from that lab\'s chunk', async () => {
  const page = await openApp(browser, server.url, '#/lesson/address-planning');
  await page.waitForSelector('section.lab.planner .planner-seg', { timeout: 20000 });
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(fetched.map(chunkOf).filter(Boolean), ['planner']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a chunk that cannot be fetched gives a message and Try again, which works once the network is back', async () => {
  // Blocked for the whole context before the first page, so that the service worker's
  // precache cannot fetch it either (a chunk it has cached is served offline: that is
  // offline-update.test.mjs).
  const context = await watchedContext(browser, server.url);
  let blocked = true;
  await context.route(/\/split-lab-bgp-[0-9a-f]+\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const page = await openTab(context, server.url, '#/');
  await page.waitForSelector('.course-map');
  await page.evaluate(() => { location.hash = '#/lab/bgp'; });
  const alert = page.locator('.chunk-failed[role="alert"]');
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.innerText(), /BGP.*could not be loaded/s);
  // The failure is on the console (the loader logs it) and nowhere else: the page lives on.
  const errors = page.problems.filter((p) => !/console error: .*(Failed to fetch|ERR_INTERNET_DISCONNECTED|TypeError)/.test(p));
  assert.deepEqual(errors, [], 'no page error, only the failed fetch');
  blocked = false;
  await page.click('.chunk-failed button:has-text("Try again")');
  await page.waitForSelector('section.lab.bgp-lab', { timeout: 20000 });
  assert.equal(await page.locator('.chunk-failed').count(), 0);
  await page.context().close();
});

test('the instructor pages come in their own chunk, once, for all three pages', async () => {
  const page = await openApp(browser, server.url, '#/');
  const fetched = chunkRequests(page);
  await page.waitForSelector('.course-map a[href^="#/lesson/"]');
  await page.evaluate(() => { location.hash = '#/instructor'; });
  await page.waitForSelector('#main .instructor', { timeout: 20000 });
  assert.equal(await page.locator('.chunk-loading').count(), 0);
  assert.deepEqual(fetched, ['instructor']);
  await page.evaluate(() => { location.hash = '#/instructor/report'; });
  await page.waitForSelector('#main .workshop-gate', { timeout: 20000 });
  assert.deepEqual(fetched, ['instructor'], 'the class report is in the same chunk');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** A workshop link for the example workshop, made by the CLI. */
const exampleLink = () => execFileSync('cargo', ['run', '-q', '-p', 'cloudhop-cli', '--', 'workshop', 'link', 'lessons/workshops/example.workshop.md', '--base', server.url], { cwd: ROOT })
  .toString().trim();

test('a workshop\'s hand-in page comes in a chunk of its own', async () => {
  const page = await openApp(browser, server.url, '#/');
  const fetched = chunkRequests(page);
  await page.goto(exampleLink());
  await page.waitForSelector('.workshop-home');
  assert.deepEqual(fetched, [], 'the workshop\'s lesson list fetches no chunk');
  await page.locator('header nav a', { hasText: 'Hand in' }).click();
  await page.waitForSelector('.hand-in', { timeout: 20000 });
  assert.deepEqual(fetched, ['handin']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a workshop link whose exercise its lab refuses opens, and the lab says why in its place', async () => {
  // The course map loads without running the labs' engines, so an exercise is checked by
  // its lab when shown. The CLI makes a good link; this one's exercise is then broken.
  const [base, payload] = exampleLink().split('w=1.');
  const workshop = JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url')).toString());
  const ex = workshop.segments.flatMap((s) => s.exercises || []).find((e) => e.id === 'class-mesh-tunnels');
  assert.ok(ex, 'the example has the exercise');
  ex.spec.n = 1; // one site: no tunnel to count
  const broken = `${base}w=1.${deflateRawSync(Buffer.from(JSON.stringify(workshop))).toString('base64url')}`;
  const page = await openApp(browser, server.url, '#/');
  await page.goto(broken);
  await page.waitForSelector('.workshop-home');
  await page.evaluate(() => { location.hash = location.hash.replace(/\/$/, '/lesson/address-planning'); });
  const box = page.locator('[data-exercise="class-mesh-tunnels"]');
  await box.locator('.lab-notice').waitFor({ timeout: 20000 });
  assert.match(await box.locator('.lab-notice').innerText(), /This exercise cannot be run \(.+\), so the lab opens without it\./);
  assert.equal(await box.getByRole('button', { name: 'Check' }).count(), 0, 'no goal to check');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
