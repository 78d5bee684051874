// Storage that fails or fills up, as a learner meets it: missing storage (a sandboxed frame,
// storage switched off), a full store, kept-aside records that do not pile up, a progress
// page that speaks to a learner, and "Erase all my data".

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, useSite, exportedCourse, exportProgress, screenshot, singleChoiceItems, answerRight } from './harness.mjs';

let server;
let browser;
let lesson;
before(() => {
  lesson = exportedCourse().lessons[0];
});
useSite((s, b) => {
  server = s;
  browser = b;
});


test('without storage the app works in memory, says so once, and still exports', async () => {
  const page = await openApp(browser, server.url, `#/lesson/${lesson.id}`, {
    initScript: () => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('storage is off', 'SecurityError');
        },
      });
    },
  });
  assert.match(await page.locator('.notice').innerText(), /progress will last only until the page is closed/);
  await page.getByRole('button', { name: 'Dismiss this message' }).click();
  const [a, b] = singleChoiceItems(lesson);
  await answerRight(page, a);
  await answerRight(page, b);
  assert.equal(await page.locator('.notice').count(), 0, 'told once, not at every answer');
  // The work is there for export (an in-app navigation keeps the in-memory record).
  await page.locator('nav a', { hasText: 'Progress' }).click();
  await page.waitForSelector('.progress-page');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress (JSON)' }).click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(doc.lessons[lesson.id].items[b.id].best, 100);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a full store: the learner is told once, the stored record is not damaged', async () => {
  const [a, b, c] = singleChoiceItems(lesson);
  const page = await openApp(browser, server.url, `#/lesson/${lesson.id}`);
  await answerRight(page, a);
  const before = await page.evaluate(() => localStorage.getItem('cloudhop.progress'));
  // From now on every write fails as a full store does.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await answerRight(page, b);
  const notice = page.locator('.notice.warning');
  assert.match(await notice.innerText(), /could not be saved.*Export/s);
  await page.getByRole('button', { name: 'Dismiss this message' }).click();
  await answerRight(page, c);
  assert.equal(await page.locator('.notice').count(), 0, 'told once');
  assert.equal(await page.evaluate(() => localStorage.getItem('cloudhop.progress')), before, 'stored record untouched');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('kept-aside records stay bounded, newest first, and the page names no storage keys', async () => {
  const [a] = singleChoiceItems(lesson);
  const page = await openApp(browser, server.url, `#/lesson/${lesson.id}`);
  await answerRight(page, a);
  await page.goto(server.url + '#/progress');
  await page.waitForSelector('.progress-page');
  assert.match(await page.locator('[data-status="exported"]').innerText(), /Not exported/);
  assert.match(await page.locator('[data-status="persisted"]').innerText(), /browser/);
  page.on('dialog', (d) => d.accept());
  for (let i = 0; i < 7; i++) {
    await page.getByRole('button', { name: 'Start afresh…' }).click();
    await page.locator('.notice', { hasText: 'fresh record' }).waitFor();
  }
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cloudhop.progress.backup.')));
  assert.equal(keys.length, 5, 'only the newest five are kept');
  const labels = await page.locator('.backups button').allInnerTexts();
  assert.equal(labels.length, 5);
  // The oldest kept record (the one with the answer) was removed as newer ones arrived;
  // the list shows newest first.
  const times = keys.map((k) => Number(k.split('.').pop())).sort((x, y) => y - x);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.backups button').first().click()]);
  assert.match(download.suggestedFilename(), /^cloudhop-progress-kept-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
  const first = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(first, await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `cloudhop.progress.backup.${times[0]}`));
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text + (await page.locator('.notice').innerText()), /cloudhop\.progress|storage key/);

  // Export: a readable file name, and the page says when.
  const exported = await exportProgress(page, server.url);
  assert.ok(exported.length > 10);
  assert.match(await page.locator('[data-status="exported"]').innerText(), /Last exported on \d/);

  // A refused import after a good one: no stale "Progress imported" beside the refusal.
  const dir = await mkdtemp(join(tmpdir(), 'cloudhop-storage-'));
  await writeFile(join(dir, 'good.json'), exported);
  await writeFile(join(dir, 'bad.json'), '{"schema":"something-else"}');
  await page.locator('input[type=file]').setInputFiles(join(dir, 'good.json'));
  await page.locator('.notice', { hasText: 'Progress imported' }).waitFor();
  await page.locator('input[type=file]').setInputFiles(join(dir, 'bad.json'));
  await page.locator('.form-error', { hasText: 'Import refused' }).waitFor();
  assert.equal(await page.locator('.notice', { hasText: 'Progress imported' }).count(), 0);
  await screenshot(page, 'storage-progress-page');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the export file is named with a readable date', async () => {
  const page = await openApp(browser, server.url, '#/progress');
  await page.waitForSelector('.progress-page');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress (JSON)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^cloudhop-progress-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
  await page.context().close();
});

test('"Erase all my data" offers a last export, then removes every key cloudhop wrote', async () => {
  const [a] = singleChoiceItems(lesson);
  const page = await openApp(browser, server.url, `#/lesson/${lesson.id}`);
  await answerRight(page, a);
  await page.evaluate(() => localStorage.setItem('someone-else', 'keep me'));
  await page.locator('nav a', { hasText: 'Progress' }).click();
  await page.waitForSelector('.progress-page');
  const messages = [];
  page.on('dialog', (d) => {
    messages.push(d.message());
    d.accept();
  });
  await page.getByRole('button', { name: 'Start afresh…' }).click();
  await page.locator('.notice', { hasText: 'fresh record' }).waitFor();
  messages.length = 0;
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Erase all my data…' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^cloudhop-progress-/);
  await page.locator('.notice', { hasText: 'erased' }).waitFor();
  assert.equal(messages.length, 2, 'a last export offered, then a confirmation');
  assert.match(messages[1], /cannot be undone/);
  const left = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(left, ['someone-else']);
  await page.context().close();
});
