// Several tabs of one browser share one progress record: interleaved answers, reflections,
// exercises, a reset and an import in two and three tabs, and nothing is lost. Every tab
// shows the others' changes without a reload.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, openTab, useSite, exportedCourse, exportProgress, screenshot, singleChoiceItems, answerRight } from './harness.mjs';

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


/** The stored record, parsed. */
const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('cloudhop.progress')));

/**
 * Wait until `page`'s copy of the store holds these items of `lessonId` at 100 %. Each tab
 * reads its own copy of localStorage, which hears of another tab's write a moment later.
 */
const holds = (page, lessonId, ids) => page.waitForFunction(
  ([l, xs]) => xs.every((x) => JSON.parse(localStorage.getItem('cloudhop.progress'))?.lessons[l]?.items[x]?.best === 100),
  [lessonId, ids],
  { timeout: 20000 },
);

test('answers, a reflection and an exercise made in three tabs are all kept and shown in each', async () => {
  const [a, b, c] = singleChoiceItems(lesson);
  assert.ok(c, 'the first lesson needs three single-choice items');
  const hash = `#/lesson/${lesson.id}`;
  const tab1 = await openApp(browser, server.url, hash);
  const context = tab1.context();
  const tab2 = await openTab(context, server.url, hash);
  const tab3 = await openTab(context, server.url, '#/lesson/mesh-vs-hub');

  await answerRight(tab1, a);
  // Tab 2 answers another item after tab 1, from its copy loaded before tab 1's answer.
  await answerRight(tab2, b);
  // Tab 2 shows tab 1's answer without a reload, and tab 1 shows tab 2's.
  await tab2.locator(`[data-item="${a.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  await tab1.locator(`[data-item="${b.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  assert.ok(await tab1.locator(`[data-item="${b.id}"] input[value="${b.right}"]`).isChecked());

  // Tab 3 solves an exercise of another lesson; tab 1 writes a reflection, tab 2 then
  // answers a third item.
  const tunnels = tab3.locator('.latency-exercise', { hasText: '12 sites' });
  await tunnels.locator('input[aria-label="answer"]').fill('66');
  await tunnels.getByRole('button', { name: 'Check' }).click();
  await tunnels.locator('.latency-verdict.pass').waitFor();
  const note = 'Two tabs, one record.';
  await tab1.locator('.reflection-q textarea').first().fill(note);
  await answerRight(tab2, c);
  await tab2.waitForFunction(
    (t) => document.querySelector('.reflection-q textarea')?.value === t,
    note,
    { timeout: 20000 },
  );

  await holds(tab3, lesson.id, [a.id, b.id, c.id]);
  const record = await stored(tab3);
  for (const q of [a, b, c]) assert.equal(record.lessons[lesson.id].items[q.id].best, 100, q.id);
  assert.equal(Object.values(record.lessons[lesson.id].reflections)[0], note);
  assert.ok(Object.values(record.lessons['mesh-vs-hub'].exercises).some((e) => e.passed));
  // Every tab holds the same record: each shows all three answers.
  for (const tab of [tab1, tab2]) {
    for (const q of [a, b, c]) await tab.locator(`[data-item="${q.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  }
  await screenshot(tab2, 'tabs-second-tab');
  assert.deepEqual(tab1.problems, []);
  await context.close();
});

// Chromium gives each tab its own copy of localStorage and tells it of another tab's write
// a moment later, so a tab can save from a copy without a change just made elsewhere (the
// race behind a CI failure of the test above). Here the stale save is made on purpose: tab 2
// writes back the record as it was before tab 1's answer, with an answer of its own. Tab 1
// sees its answer missing from what tab 2 saved, puts it back and saves; both tabs then show
// both answers.
test('a save from a stale copy in one tab does not lose the other tab\'s answer', async () => {
  const [a, b] = singleChoiceItems(lesson);
  const hash = `#/lesson/${lesson.id}`;
  const tab1 = await openApp(browser, server.url, hash);
  const context = tab1.context();
  const tab2 = await openTab(context, server.url, hash);
  const staleCopy = await tab2.evaluate(() => localStorage.getItem('cloudhop.progress'));
  await answerRight(tab1, a);
  await tab2.locator(`[data-item="${a.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  // What a tab that had not yet heard of the answer would save after answering b.
  const stale = JSON.parse(staleCopy);
  const withB = structuredClone((await stored(tab1)).lessons[lesson.id].items[a.id]);
  stale.lessons[lesson.id] = { opened: true, items: { [b.id]: withB } };
  await tab2.evaluate((v) => localStorage.setItem('cloudhop.progress', v), JSON.stringify(stale));
  // Tab 1 hears of it, finds its answer missing, and saves it back; tab 2 hears of that.
  await holds(tab2, lesson.id, [a.id, b.id]);
  const record = await stored(tab2);
  assert.equal(record.lessons[lesson.id].items[a.id].best, 100, 'a is back');
  assert.equal(record.lessons[lesson.id].items[b.id].best, 100, 'b is kept');
  for (const tab of [tab1, tab2]) {
    for (const q of [a, b]) await tab.locator(`[data-item="${q.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  }
  assert.deepEqual(tab1.problems, []);
  assert.deepEqual(tab2.problems, []);
  await context.close();
});

test('a reset in one tab is not undone by another, and an import reaches every tab', async () => {
  const [a, b] = singleChoiceItems(lesson);
  const hash = `#/lesson/${lesson.id}`;
  const tab1 = await openApp(browser, server.url, hash);
  const context = tab1.context();
  const tab2 = await openTab(context, server.url, '#/progress');
  await answerRight(tab1, a);
  await holds(tab2, lesson.id, [a.id]);
  const exported = await exportProgress(tab2, server.url);
  const seedBefore = (await stored(tab1)).seed;

  // Reset in tab 2 (it asks first); tab 1 shows the empty record at once.
  tab2.once('dialog', (d) => d.accept());
  await tab2.getByRole('button', { name: 'Start afresh…' }).click();
  await tab2.locator('.notice').waitFor();
  await tab1.locator(`[data-item="${a.id}"] .verdict`).waitFor({ state: 'detached', timeout: 20000 });
  assert.match(await tab1.locator('.quiz-score').innerText(), /Score 0% · 0 of/);

  // Tab 1 answers after the reset: the old answer does not come back with it.
  await answerRight(tab1, b);
  let record = await stored(tab1);
  assert.notEqual(record.seed, seedBefore);
  assert.equal(record.lessons[lesson.id].items[a.id], undefined);
  assert.equal(record.lessons[lesson.id].items[b.id].best, 100);

  // Import the earlier export in tab 2: tab 1 shows its answer without a reload.
  const dir = await mkdtemp(join(tmpdir(), 'cloudhop-tabs-'));
  const file = join(dir, 'progress.json');
  await writeFile(file, exported);
  await tab2.goto(server.url + '#/progress');
  await tab2.locator('input[type=file]').setInputFiles(file);
  await tab2.locator('.notice', { hasText: 'imported' }).waitFor();
  await tab1.locator(`[data-item="${a.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  record = await stored(tab1);
  assert.equal(record.seed, seedBefore);
  // The record the import replaced (with b) and the one the reset replaced (with a) are
  // both kept aside.
  const kept = await tab1.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('cloudhop.progress.backup.'))
      .map((k) => JSON.parse(localStorage.getItem(k))),
  );
  assert.ok(kept.some((r) => r.lessons[lesson.id]?.items[b.id]?.best === 100), 'the record with b is kept');
  assert.ok(kept.some((r) => r.lessons[lesson.id]?.items[a.id]?.best === 100), 'the record with a is kept');
  assert.deepEqual(tab1.problems, []);
  await context.close();
});
