// Option order: every learner sees a choice item's options in an order of their own,
// computed by core from the seed in their progress record and the item id. The same
// learner sees the same order after a reload and on another device (export, import);
// another learner sees another. Answers are recorded by option (each input's `value` is
// the option's place in the lesson file), so answering by option works whatever the
// order, and a record from before the seed existed (version 1) keeps its answers.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, screenshot, useSite, exportedCourse, exportProgress } from './harness.mjs';

let server;
let browser;
let course;
before(() => {
  course = exportedCourse();
});
useSite((s, b) => {
  server = s;
  browser = b;
});

const CHOICE = new Set(['single_choice', 'multiple_choice']);

/** The lessons with the most choice items first (a larger sample of orders). */
function choiceLesson() {
  return [...course.lessons].sort(
    (a, b) => b.quiz.filter((q) => CHOICE.has(q.kind.type)).length - a.quiz.filter((q) => CHOICE.has(q.kind.type)).length,
  )[0];
}

/** Per choice item of the lesson on the page: the input values in the order shown. */
async function shownOrders(page, lesson) {
  const orders = {};
  for (const item of lesson.quiz.filter((q) => CHOICE.has(q.kind.type))) {
    const box = page.locator(`[data-item="${item.id}"]`);
    await box.waitFor();
    orders[item.id] = await box.locator('input').evaluateAll((els) => els.map((e) => Number(e.value)));
  }
  return orders;
}

/** Start a learner with a given seed (a version-2 record written before the app reads it). */
async function learner(seed, lesson) {
  const page = await openApp(browser, server.url, '#/');
  await page.evaluate(
    (s) => localStorage.setItem('cloudhop.progress', JSON.stringify({ schema: 'cloudhop-progress', version: 2, seed: s, lessons: {} })),
    seed,
  );
  // Reload on the course map (which saves nothing), so the app reads this record before
  // the lesson page records its visit.
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]');
  await page.goto(server.url + '#/lesson/' + lesson.id);
  await page.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  return page;
}

const identity = (order) => order.every((v, i) => v === i);

test('a first visit draws a seed and saves it; the order stays across reloads', async () => {
  const lesson = choiceLesson();
  const page = await openApp(browser, server.url, '#/lesson/' + lesson.id);
  await page.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('cloudhop.progress')));
  assert.equal(stored.schema, 'cloudhop-progress');
  assert.equal(stored.version, 3);
  assert.ok(Number.isInteger(stored.seed) && stored.seed > 0, `a seed is stored: ${stored.seed}`);
  const first = await shownOrders(page, lesson);
  for (const [id, order] of Object.entries(first)) {
    assert.deepEqual([...order].sort((a, b) => a - b), order.map((_, i) => i), `${id}: every option once`);
  }
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]');
  assert.deepEqual(await shownOrders(page, lesson), first, 'the same order after a reload');
  const again = JSON.parse(await page.evaluate(() => localStorage.getItem('cloudhop.progress')));
  assert.equal(again.seed, stored.seed, 'the seed is drawn once');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('different learners see different orders, and not the authored one', async () => {
  const lesson = choiceLesson();
  const seen = [];
  for (const seed of [101, 202, 303]) {
    const page = await learner(seed, lesson);
    seen.push(await shownOrders(page, lesson));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
  const ids = Object.keys(seen[0]);
  assert.ok(ids.length >= 3, `lesson ${lesson.id} has choice items`);
  for (let a = 0; a < seen.length; a++) {
    for (let b = a + 1; b < seen.length; b++) {
      const differ = ids.filter((id) => seen[a][id].join() !== seen[b][id].join());
      assert.ok(differ.length >= 1, `learners ${a} and ${b} see different orders`);
    }
  }
  for (const s of seen) {
    assert.ok(ids.some((id) => !identity(s[id])), 'some item is not in authored order');
  }
});

test('answering by option is right whatever the order; the order moves with an export to another device', async () => {
  const lesson = choiceLesson();
  const page = await learner(4242, lesson);
  const orders = await shownOrders(page, lesson);
  for (const item of lesson.quiz.filter((q) => CHOICE.has(q.kind.type))) {
    const box = page.locator(`[data-item="${item.id}"]`);
    for (const [i, o] of item.kind.options.entries()) {
      if (o.correct) await box.locator(`input[value="${i}"]`).check();
    }
    await box.getByRole('button', { name: 'Check answer' }).click();
    await box.locator('.verdict.ok').waitFor({ timeout: 20000 });
  }
  // A wrong option's own feedback, found by option, not by place.
  const withFeedback = lesson.quiz.find(
    (q) => q.kind.type === 'single_choice' && q.kind.options.some((o) => !o.correct && o.feedback),
  );
  if (withFeedback) {
    const i = withFeedback.kind.options.findIndex((o) => !o.correct && o.feedback);
    const box = page.locator(`[data-item="${withFeedback.id}"]`);
    await box.locator(`input[value="${i}"]`).check();
    await box.getByRole('button', { name: 'Check answer' }).click();
    await box.locator('.verdict.bad').waitFor();
    assert.equal(await box.locator('.feedback li').count(), 1, `${withFeedback.id}: the feedback of the option chosen`);
  }
  await screenshot(page, 'quiz-order-answered');

  // Export, and import on a "new device" (a fresh browser context with another seed).
  const exported = await exportProgress(page, server.url);
  const doc = JSON.parse(exported);
  assert.equal(doc.version, 3);
  assert.equal(doc.seed, 4242, 'the seed is exported with the record');
  await page.context().close();

  const other = await learner(777, lesson);
  assert.notDeepEqual(await shownOrders(other, lesson), orders, 'another seed, another order');
  await other.goto(server.url + '#/progress');
  await other.waitForSelector('.progress-page');
  const dir = await mkdtemp(join(tmpdir(), 'cloudhop-'));
  const file = join(dir, 'progress.json');
  await writeFile(file, exported);
  await other.locator('input[type=file]').setInputFiles(file);
  await other.waitForSelector('.notice');
  assert.match(await other.locator('.notice').innerText(), /Progress imported/);
  await other.goto(server.url + '#/lesson/' + lesson.id);
  await other.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  assert.deepEqual(await shownOrders(other, lesson), orders, 'the imported seed brings the same order');
  // The restored answers tick the same options.
  for (const item of lesson.quiz.filter((q) => CHOICE.has(q.kind.type) && q.id !== withFeedback?.id)) {
    const box = other.locator(`[data-item="${item.id}"]`);
    for (const [i, o] of item.kind.options.entries()) {
      assert.equal(await box.locator(`input[value="${i}"]`).isChecked(), o.correct, `${item.id} option ${i}`);
    }
  }
  assert.deepEqual(other.problems, []);
  await other.context().close();
});

test('a version-1 record (no seed) keeps its answers and gets a seed', async () => {
  const lesson = choiceLesson();
  const item = lesson.quiz.find((q) => q.kind.type === 'single_choice');
  const right = item.kind.options.findIndex((o) => o.correct);
  const v1 = {
    schema: 'cloudhop-progress',
    version: 1,
    lessons: {
      [lesson.id]: {
        items: { [item.id]: { attempts: 1, best: 100, last_score: 100, last: { type: 'choices', value: [right] } } },
      },
    },
  };
  const page = await openApp(browser, server.url, '#/');
  await page.evaluate((v) => localStorage.setItem('cloudhop.progress', v), JSON.stringify(v1));
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]');
  // Opening the lesson records the visit, which saves the migrated record.
  await page.goto(server.url + '#/lesson/' + lesson.id);
  const box = page.locator(`[data-item="${item.id}"]`);
  await box.locator('.verdict.ok').waitFor();
  assert.ok(await box.locator(`input[value="${right}"]`).isChecked(), 'the old answer ticks the same option');
  assert.equal(await page.locator('.notice.warning').count(), 0, 'nothing was kept aside');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('cloudhop.progress')));
  assert.equal(stored.version, 3);
  assert.ok(stored.seed > 0);
  assert.equal(stored.lessons[lesson.id].items[item.id].best, 100);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
