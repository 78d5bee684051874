// SCORM packages under a real SCORM runtime (issue 15, points 1 and 2): `cloudhop package
// scorm` builds the package from the built site, the test unzips it and serves it beside a
// small LMS page that runs scorm-again (the npm package: the LMS side of SCORM 1.2 and 2004)
// as `window.API` / `window.API_1484_11` and opens the package's launch address in an
// iframe. A learner answers items and passes an exercise; the frame is removed (the app
// terminates on pagehide); a second launch, in a fresh browser (nothing in its storage),
// is seeded with what the runtime kept, and must resume from `suspend_data` alone.
// Screenshots: target/screenshots/scorm-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readFileSync, statSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, DIST, serve, launch, watchedContext, watchedPage, screenshot, exportedCourse, answerItemRight } from './harness.mjs';

const SCORM_AGAIN = join(ROOT, 'tests', 'e2e', 'node_modules', 'scorm-again', 'dist');
const LIMIT_12 = 4096;

let course;
let browser;
let root;
let server;

const HOST_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.min.js"></script>
<script src="scorm2004.min.js"></script>
<script src="lms-host.js"></script>
</head><body><h1>Test LMS: a course player</h1><div id="player"></div></body></html>
`;

// The LMS's part: one runtime per launch, seeded with what the LMS kept; every call noted.
const HOST_JS = `
window.startLms = (version, seed, href) => {
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 4 };
  const api = version === '1.2' ? new Scorm12API(settings) : new Scorm2004API(settings);
  if (seed) api.loadFromJSON(seed);
  const calls = (window.lmsCalls = []);
  const names = version === '1.2' ? ['LMSInitialize', 'LMSCommit', 'LMSFinish'] : ['Initialize', 'Commit', 'Terminate'];
  for (const n of names) api.on(n, () => calls.push(n));
  api.on(version === '1.2' ? 'LMSSetValue.cmi.*' : 'SetValue.cmi.*', (el, v) => calls.push(['set', el, String(v)]));
  delete window.API;
  delete window.API_1484_11;
  if (version === '1.2') window.API = api; else window.API_1484_11 = api;
  window.lmsApi = api;
  const frame = document.createElement('iframe');
  frame.id = 'sco';
  frame.name = 'sco';
  frame.title = 'Course';
  frame.width = '1200';
  frame.height = '820';
  frame.src = 'pkg-' + version + '/' + href;
  document.getElementById('player').append(frame);
};
window.closeSco = () => document.getElementById('sco').remove();
`;

/** Build a package with the CLI and unzip it under root/pkg-VERSION; returns its facts. */
function buildPackage(version, extra = []) {
  const zip = join(root, `cloudhop-scorm-${version}.zip`);
  const out = execFileSync(
    'cargo',
    ['run', '-q', '-p', 'cloudhop-cli', '--', 'package', 'scorm', '--version', version, '--site', DIST, ...extra, '-o', zip],
    { cwd: ROOT },
  );
  const built = JSON.parse(out.toString());
  const dir = join(root, `pkg-${version}`);
  mkdirSync(dir, { recursive: true });
  execFileSync('unzip', ['-q', '-o', zip, '-d', dir]);
  const manifest = readFileSync(join(dir, 'imsmanifest.xml'), 'utf8');
  const href = manifest.match(/<resource [^>]*href="([^"]+)"/)[1].replaceAll('&amp;', '&');
  return { ...built, zipBytes: statSync(zip).size, dir, manifest, href };
}

before(async () => {
  course = exportedCourse();
  root = mkdtempSync(join(tmpdir(), 'cloudhop-scorm-'));
  writeFileSync(join(root, 'index.html'), HOST_HTML);
  writeFileSync(join(root, 'lms-host.js'), HOST_JS);
  for (const f of ['scorm12.min.js', 'scorm2004.min.js']) copyFileSync(join(SCORM_AGAIN, f), join(root, f));
  server = await serve(root);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A fresh browser profile with the LMS page open, problems collected as openApp does. */
async function openLms() {
  const context = await watchedContext(browser, server.url, { viewport: { width: 1280, height: 960 } });
  const page = await watchedPage(context);
  await page.goto(server.url);
  return page;
}

/** Launch the SCO in the LMS page; returns its frame once the app has drawn. */
async function launchSco(page, version, seed, href) {
  await page.evaluate(([v, s, h]) => window.startLms(v, s, h), [version, seed, href]);
  const frame = await (await page.waitForSelector('#sco')).contentFrame();
  await frame.waitForSelector('#main[data-ready="true"]', { timeout: 20000 });
  return frame;
}

/** Lesson 1's exercise: Frankfurt in all three clouds (see passing.test.mjs). */
async function passExercise(frame, lesson) {
  const ex = frame.locator(`[data-exercise="${lesson.exercises[0].id}"]`);
  await ex.waitFor();
  for (const id of ['aws:eu-central-1', 'gcp:europe-west3', 'azure:germanywestcentral']) {
    await ex.locator('.latency-answer-multi label', { hasText: id }).locator('input').check();
  }
  await ex.getByRole('button', { name: 'Check', exact: true }).click();
  await ex.locator('.lab-verdict.pass').waitFor({ timeout: 20000 });
}

/** Close the SCO as an LMS does (the frame goes), and wait for the session's end. */
async function closeSco(page, version) {
  await page.evaluate(() => window.closeSco());
  const end = version === '1.2' ? 'LMSFinish' : 'Terminate';
  await page.waitForFunction((e) => window.lmsCalls.includes(e), end, { timeout: 20000 });
}

/** What the runtime set, element by element (the last value of each). */
async function lastSet(page) {
  const calls = await page.evaluate(() => window.lmsCalls);
  const out = {};
  for (const c of calls) if (Array.isArray(c)) out[c[1]] = c[2];
  return { calls, set: out };
}

const expectedCourseScore = (lessonItems, allItems) => Math.round((100 * lessonItems) / allItems);

test('SCORM 1.2: the whole course under scorm-again: status, score, location, suspend_data; resumes in a fresh browser', async () => {
  const pkg = buildPackage('1.2');
  assert.match(pkg.manifest, /adlcp:scormtype="sco"/);
  assert.match(pkg.manifest, /<schemaversion>1\.2<\/schemaversion>/);
  assert.ok(!existsSync(join(pkg.dir, 'sw.js')), 'no service worker in the package');
  console.log(`SCORM 1.2 package: ${pkg.zipBytes} bytes, ${pkg.files} files, launch ${pkg.href}`);

  const lesson = course.lessons[0];
  const allItems = course.lessons.reduce((n, l) => n + l.quiz.length, 0);
  const page = await openLms();
  const frame = await launchSco(page, '1.2', null, pkg.href);
  await frame.evaluate((h) => (location.hash = h), `#/lesson/${lesson.id}`);
  await frame.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  for (const item of lesson.quiz) await answerItemRight(frame, item);
  await passExercise(frame, lesson);
  assert.match(await frame.locator('.quiz-score').innerText(), /Passed ✓/);

  // Storage: every key under the package's prefix; no service worker registered.
  const keys = await frame.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.length > 0 && keys.every((k) => k.startsWith('scorm.cloudhop-course:')), keys.join(', '));
  assert.equal(await frame.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await screenshot(page, 'scorm-12-in-lms', { viewportOnly: true });

  await closeSco(page, '1.2');
  const { calls, set } = await lastSet(page);
  assert.equal(calls[0], 'LMSInitialize');
  assert.equal(set['cmi.core.lesson_status'], 'incomplete', 'one lesson of twelve passed: not the course');
  assert.equal(set['cmi.core.score.raw'], String(expectedCourseScore(lesson.quiz.length, allItems)));
  assert.equal(set['cmi.core.score.min'], '0');
  assert.equal(set['cmi.core.score.max'], '100');
  assert.equal(set['cmi.core.lesson_location'], `#/lesson/${lesson.id}`);
  assert.equal(set['cmi.core.exit'], 'suspend');
  assert.match(set['cmi.core.session_time'], /^\d{4}:\d\d:\d\d$/);
  const suspend = await page.evaluate(() => window.lmsApi.cmi.suspend_data);
  assert.ok(suspend.startsWith('C1') && suspend.length <= LIMIT_12, `suspend_data of ${suspend.length} characters`);
  console.log(`SCORM 1.2 suspend_data after lesson 1: ${suspend.length} characters`);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // Second launch: another browser profile (empty storage), the runtime seeded as an LMS
  // would: suspend_data, location, status, score, entry=resume.
  const seed = {
    suspend_data: suspend,
    core: { lesson_location: set['cmi.core.lesson_location'], lesson_status: set['cmi.core.lesson_status'], entry: 'resume', score: { raw: set['cmi.core.score.raw'] } },
  };
  const again = await openLms();
  const frame2 = await launchSco(again, '1.2', seed, pkg.href);
  await frame2.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  assert.equal(await frame2.evaluate(() => location.hash), `#/lesson/${lesson.id}`, 'the location is restored');
  for (const item of lesson.quiz) await frame2.locator(`[data-item="${item.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  assert.match(await frame2.locator('.quiz-score').innerText(), /Passed ✓/, 'answers and the passed exercise are back');
  const firstSingle = lesson.quiz.find((q) => q.kind.type === 'single_choice');
  const right = firstSingle.kind.options.findIndex((o) => o.correct);
  assert.ok(await frame2.locator(`[data-item="${firstSingle.id}"] input[value="${right}"]`).isChecked(), 'the answer is shown');
  await frame2.evaluate((h) => (location.hash = h), '#/');
  await frame2.locator(`.lesson-card[data-lesson="${lesson.id}"] .badge`).filter({ hasText: /Passed/ }).waitFor();
  await screenshot(again, 'scorm-12-resumed', { viewportOnly: true });
  await closeSco(again, '1.2');
  const second = await lastSet(again);
  assert.equal(second.set['cmi.core.score.raw'], set['cmi.core.score.raw']);
  assert.equal(second.set['cmi.core.lesson_location'], '#/');
  assert.deepEqual(again.problems, []);
  await again.context().close();
});

test('SCORM 2004: a one-lesson workshop package passes and completes, and resumes in a fresh browser', async () => {
  const lesson = course.lessons[0];
  const file = join(root, 'one-lesson.workshop.md');
  writeFileSync(file, `---\nid: scorm-one-lesson\ntitle: One lesson, in the LMS\n---\n\n## Lesson: ${lesson.id}\nMinutes: 30\n`);
  const pkg = buildPackage('2004', ['--workshop', file]);
  assert.match(pkg.manifest, /adlcp:scormType="sco"/);
  assert.match(pkg.manifest, /<schemaversion>2004 4th Edition<\/schemaversion>/);
  assert.equal(pkg.identifier, 'cloudhop-scorm-one-lesson');
  console.log(`SCORM 2004 workshop package: ${pkg.zipBytes} bytes, ${pkg.files} files`);

  const page = await openLms();
  const frame = await launchSco(page, '2004', null, pkg.href);
  // The package opens the workshop, not the course.
  assert.equal(await frame.evaluate(() => location.hash), '#/workshop/scorm-one-lesson/');
  const inLesson = `#/workshop/scorm-one-lesson/lesson/${lesson.id}`;
  await frame.evaluate((h) => (location.hash = h), inLesson);
  await frame.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  // One item wrong first, then all right: the best score counts.
  const tf = lesson.quiz.find((q) => q.kind.type === 'true_false');
  const tfBox = frame.locator(`[data-item="${tf.id}"]`);
  await tfBox.locator(`input[value="${!tf.kind.answer}"]`).check();
  await tfBox.getByRole('button', { name: 'Check answer' }).click();
  await tfBox.locator('.verdict.bad').waitFor();
  let mid = await lastSet(page);
  assert.equal(mid.set['cmi.completion_status'], 'incomplete');
  assert.equal(mid.set['cmi.success_status'], 'unknown');
  for (const item of lesson.quiz) await answerItemRight(frame, item);
  mid = await lastSet(page);
  assert.equal(mid.set['cmi.completion_status'], 'incomplete', 'quiz done, exercise not tried yet');
  assert.equal(mid.set['cmi.success_status'], 'unknown');
  await passExercise(frame, lesson);
  await screenshot(page, 'scorm-2004-in-lms', { viewportOnly: true });
  await closeSco(page, '2004');
  const { set } = await lastSet(page);
  assert.equal(set['cmi.completion_status'], 'completed');
  assert.equal(set['cmi.success_status'], 'passed');
  assert.equal(set['cmi.score.scaled'], '1');
  assert.equal(set['cmi.score.raw'], '100');
  assert.equal(set['cmi.location'], inLesson);
  assert.equal(set['cmi.exit'], 'suspend');
  assert.match(set['cmi.session_time'], /^PT\d+H\d+M\d+S$/);
  const suspend = await page.evaluate(() => window.lmsApi.cmi.suspend_data);
  assert.ok(suspend.startsWith('C1') && suspend.length <= LIMIT_12, `suspend_data of ${suspend.length} characters`);
  console.log(`SCORM 2004 suspend_data after the workshop: ${suspend.length} characters`);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  const seed = {
    suspend_data: suspend,
    location: set['cmi.location'],
    completion_status: set['cmi.completion_status'],
    success_status: set['cmi.success_status'],
    entry: 'resume',
  };
  const again = await openLms();
  const frame2 = await launchSco(again, '2004', seed, pkg.href);
  await frame2.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  assert.equal(await frame2.evaluate(() => location.hash), inLesson, 'the location is restored');
  for (const item of lesson.quiz) await frame2.locator(`[data-item="${item.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  assert.match(await frame2.locator('.quiz-score').innerText(), /Passed ✓/);
  // The first try was kept through suspend_data: the wrong first answer shows.
  assert.match(await frame2.locator(`[data-item="${tf.id}"] .meta`).innerText(), /first try 0%/);
  await closeSco(again, '2004');
  const second = await lastSet(again);
  assert.equal(second.set['cmi.success_status'], 'passed');
  assert.deepEqual(again.problems, []);
  await again.context().close();
});

test('outside an LMS the package still works and says once that nothing is recorded', async () => {
  const dir = join(root, 'pkg-1.2');
  assert.ok(existsSync(join(dir, 'index.html')), 'the 1.2 package was unzipped by the first test');
  const href = readFileSync(join(dir, 'imsmanifest.xml'), 'utf8').match(/<resource [^>]*href="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const page = await openLms();
  await page.goto(server.url + 'pkg-1.2/' + href);
  await page.waitForSelector('#main[data-ready="true"]');
  const notice = page.locator('.notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /did not find the LMS's SCORM 1\.2 runtime/);
  const lesson = course.lessons[0];
  await page.evaluate((h) => (location.hash = h), `#/lesson/${lesson.id}`);
  await page.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  await answerItemRight(page, lesson.quiz[0]);
  assert.equal(await page.locator('.notice').count(), 1, 'told once');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
