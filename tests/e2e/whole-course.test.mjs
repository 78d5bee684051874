// The whole course taken as a new learner would: from the course map, every lesson in
// order; its prose, its lab exercise (checked once before solving: the goal is not met
// yet), every quiz item answered right, a reflection written. A lesson passes only once its
// exercises are solved too, which this walk does not do (passing.test.mjs solves one): so
// the course map shows every quiz passed with its exercises still to solve, and the
// Progress page gathers the scores and the reflections.
// The answer key comes from `cloudhop lessons export`, the same parsed content the app
// ships. Screenshots of every lesson go to target/screenshots/course-NN-<id>.png.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, useSite, exportedCourse, answerItemRight } from './harness.mjs';

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

/** Answer one quiz item with its key and wait for the "Correct" verdict. */
async function answerRight(page, item) {
  await answerItemRight(page, item);
  const box = page.locator(`[data-item="${item.id}"]`);
  assert.equal(await box.locator('.explanation').count(), 1, `${item.id}: explanation after answering`);
}

test('take the whole course: every lesson, its exercise, its quiz, its reflections', async () => {
  const page = await openApp(browser, server.url, '#/');
  const cards = page.locator('.lesson-card');
  assert.equal(await cards.count(), course.lessons.length, 'the course map lists every lesson');

  for (const [n, lesson] of course.lessons.entries()) {
    // Arrive from the course map, as a learner does.
    await page.goto(server.url + '#/');
    await page.locator(`.lesson-card[data-lesson="${lesson.id}"] h3 a`).click();
    await page.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
    const where = `lesson ${n + 1} (${lesson.id})`;
    assert.equal(await page.locator('h1').first().innerText(), lesson.title, where);
    assert.equal(await page.locator('section.prose').count(), lesson.sections.length, `${where}: sections`);
    assert.ok((await page.locator('.sources li').count()) >= 1, `${where}: sources listed`);
    // No lesson markup shows through as literal characters.
    const shown = await page.locator('article.lesson').innerText();
    for (const leak of ['[[', ']]', '**', '](', '@exercise']) {
      assert.ok(!shown.includes(leak), `${where}: "${leak}" shows on the page near: ${shown.slice(Math.max(0, shown.indexOf(leak) - 60), shown.indexOf(leak) + 60)}`);
    }

    // Each exercise has its lab, a hint, and is not met before the learner does anything.
    // Every lesson has one now (hybrid-dns since the DNS lab, issue 12): none passes on its quiz alone.
    assert.ok(lesson.exercises.length >= 1, `${where}: has an exercise`);
    for (const ex of lesson.exercises) {
      const card = page.locator(`[data-exercise="${ex.id}"]`);
      await card.waitFor();
      await card.locator('details.hint summary').click();
      assert.ok((await card.locator('details.hint p').innerText()).length > 10, `${ex.id}: hint`);
      await card.getByRole('button', { name: 'Check', exact: true }).click();
      await card.locator('[role="status"], [role="alert"]').first().waitFor({ timeout: 20000 });
      assert.equal(await card.locator('.badge.passed').count(), 0, `${ex.id}: not met before solving`);
    }

    // Every quiz item, answered right: the quiz is passed at 100%, the exercises are left.
    for (const item of lesson.quiz) await answerRight(page, item);
    const score = page.locator('.quiz-score');
    assert.equal(await score.getAttribute('data-score'), '100', `${where}: score`);
    assert.match(await score.innerText(), /best 100% · first try 100%/, `${where}: first try`);
    const left = lesson.exercises.length;
    if (left === 0) {
      // A lesson without exercises would pass on its quiz alone (none is left).
      assert.match(await score.innerText(), /Passed ✓/, `${where}: passed on its quiz`);
    } else {
      assert.match(await score.innerText(), new RegExp(`quiz passed, ${left} exercises? to solve`), `${where}: what is left`);
      assert.doesNotMatch(await score.innerText(), /Passed ✓/, `${where}: not passed without its exercises`);
    }

    // One reflection per lesson, typed as text.
    const reflection = lesson.reflections[0];
    await page
      .locator(`[data-reflection="${reflection.id}"] textarea`)
      .fill(`Lesson ${n + 1}: my answer about ${lesson.title} <i>as text</i>`);

    await screenshot(page, `course-${String(n + 1).padStart(2, '0')}-${lesson.id}`);
  }

  // The course map: every quiz passed, every lesson's exercises still to solve.
  await page.goto(server.url + '#/');
  const badges = await page.locator('.lesson-card .badge').allInnerTexts();
  assert.equal(badges.length, course.lessons.length);
  const withoutExercises = course.lessons.filter((l) => l.exercises.length === 0).length;
  assert.equal(badges.filter((b) => /Passed/.test(b)).length, withoutExercises);
  assert.equal(badges.filter((b) => /In progress · 100%/.test(b)).length, course.lessons.length - withoutExercises);
  for (const t of await page.locator('.lesson-card .to-pass').allInnerTexts()) assert.match(t, /^quiz passed, \d+ exercises? to solve$/);
  await screenshot(page, 'course-map-quizzes-passed');

  // The Progress page: no lesson passed yet (exercises left), the reflections gathered as text.
  await page.goto(server.url + '#/progress');
  await page.waitForSelector('.progress-page');
  assert.match(
    await page.locator('.progress-page .lede').innerText(),
    new RegExp(`^${withoutExercises} of ${course.lessons.length} lessons passed`),
  );
  const answers = page.locator('.reflection-answer .a');
  assert.equal(await answers.count(), course.lessons.length);
  assert.match(await answers.first().innerText(), /<i>as text<\/i>/);
  assert.equal(await page.locator('.reflection-answer i').count(), 0, 'reflections are never HTML');
  await screenshot(page, 'course-complete-progress');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
