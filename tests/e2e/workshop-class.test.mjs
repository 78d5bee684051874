// A small workshop run end to end in the browser (issue 14, point 7): three learners, each
// in a browser of their own, open the instructor's link, answer lesson 1's items in three
// different ways and hand in through the app; the instructor pastes the three receipt codes
// into the class report, which shows the roster, the pass rates and the most-missed items
// with the wrong option the class chose. Screenshot: target/screenshots/workshop-class-*.png.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { openApp, screenshot, useSite, exportedCourse, ROOT } from './harness.mjs';

let server;
let browser;
let course;
const EXAMPLE = 'lessons/workshops/example.workshop.md';

before(() => {
  course = exportedCourse();
});
useSite((s, b) => {
  server = s;
  browser = b;
});

const cli = (...args) =>
  execFileSync('cargo', ['run', '-q', '-p', 'cloudhop-cli', '--', ...args], { cwd: ROOT, maxBuffer: 64 << 20 })
    .toString()
    .trim();

/** Answer a choice or true/false item with the option (authored index, or true/false) `value`. */
async function choose(page, itemId, value) {
  const box = page.locator(`[data-item="${itemId}"]`);
  await box.locator(`input[value="${value}"]`).check();
  await box.getByRole('button', { name: 'Check answer' }).click();
  await box.locator('.verdict').waitFor();
}

/** One learner: open the link in a browser of their own, answer, hand in; the receipt code. */
async function learner(url, name, answers) {
  const page = await openApp(browser, server.url, '#/');
  await page.goto(url);
  await page.waitForSelector('.workshop-home');
  await page.locator('.lesson-card[data-lesson="multicloud-vs-hybrid"] h3 a').click();
  await page.waitForSelector('article.lesson[data-lesson="multicloud-vs-hybrid"]');
  for (const [item, value] of answers) await choose(page, item, value);
  await page.locator('header nav a', { hasText: 'Hand in' }).click();
  await page.waitForSelector('.hand-in');
  await page.locator('#learner-name').fill(name);
  await page.getByRole('button', { name: 'Make my receipt' }).click();
  await page.waitForSelector('.receipt');
  const code = (await page.locator('.receipt-code').innerText()).trim();
  assert.match(code, /^CH1-[A-Z2-7]+$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
  return code;
}

test('three learners take a workshop in the browser and the class report shows what they did', async () => {
  const url = cli('workshop', 'link', EXAMPLE, '--base', server.url);
  const payload = url.split('w=')[1];
  const lesson = course.lessons.find((l) => l.id === 'multicloud-vs-hybrid');
  const single = lesson.quiz.find((q) => q.id === 'multi-vs-hybrid');
  const claim = lesson.quiz.find((q) => q.id === 'hype-myth');
  assert.equal(single.kind.type, 'single_choice');
  assert.equal(claim.kind.type, 'true_false');
  const right = single.kind.options.findIndex((o) => o.correct);
  const wrong = single.kind.options.findIndex((o) => !o.correct);
  const truth = claim.kind.answer;

  // Ada gets both right; Bo picks the same wrong option as Cy; Cy also misjudges the claim.
  const codes = [
    await learner(url, 'Ada', [[single.id, right], [claim.id, truth]]),
    await learner(url, 'Bo', [[single.id, wrong], [claim.id, truth]]),
    await learner(url, 'Cy', [[single.id, wrong], [claim.id, !truth]]),
  ];

  // The instructor's class report, from the same link payload.
  const page = await openApp(browser, server.url, `#/instructor/report?w=${payload}`);
  await page.locator('.class-report h1').waitFor();
  await page.locator('#receipt-text').fill(codes.join('\n\n'));
  await page.getByRole('button', { name: 'Add receipts' }).click();
  await page.locator('.class-timing').waitFor();
  assert.equal(await page.locator('.batch .accepted').innerText(), 'Added 3 learners.');

  // The roster: all three, by name; nobody passed lesson 1 (its exercise is unsolved).
  const rows = page.locator('table.roster tbody tr');
  assert.equal(await rows.count(), 3);
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td, th').textContent.trim()));
  assert.deepEqual(names, ['Ada', 'Bo', 'Cy']);
  const rate = await page.locator(`table.rates tr[data-lesson="multicloud-vs-hybrid"]`).locator('td, th').allInnerTexts();
  assert.equal(rate[2], '0 of 3');

  // Most missed: the single-choice item first (two of three), with the one wrong option
  // both chose, as its text; then the claim (one of three).
  const missed = page.locator('.missed-items > li');
  const ids = await missed.evaluateAll((lis) => lis.map((li) => li.dataset.item));
  assert.equal(ids[0], 'multi-vs-hybrid');
  assert.ok(ids.includes('hype-myth'), ids.join(','));
  assert.match(await missed.nth(0).locator('.meta').innerText(), /Missed by 2 of 3 who answered/);
  const wrongRows = await missed.nth(0).locator('tr.wrong-answer').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent.trim())),
  );
  assert.equal(wrongRows.length, 1);
  assert.equal(wrongRows[0][1], '2');
  assert.ok(single.kind.options[wrong].text.startsWith(wrongRows[0][0].slice(0, 20)), `${wrongRows[0][0]} vs ${single.kind.options[wrong].text}`);
  const claimAt = ids.indexOf('hype-myth');
  assert.match(await missed.nth(claimAt).locator('.meta').innerText(), /Missed by 1 of 3 who answered/);
  await screenshot(page, 'workshop-class-report');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
