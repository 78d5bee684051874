// Workshop mode for learners and the instructor's link page (issue 14, points 2 and 3): a
// learner opens a link made by the CLI, sees only the workshop's lessons in its order, its
// sections and items, answers, solves the workshop's own exercise, hands in; the receipt
// code, read back by the CLI's `workshop report`, has the right name, items and chosen
// options; the learner's own course record is untouched; a second tab follows; bad links
// say why; a workshop too long for a link travels as a file made on the instructor page.
// Screenshots: target/screenshots/workshop-*.png.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, openTab, screenshot, useSite, exportedCourse, ROOT } from './harness.mjs';

let server;
let browser;
let course;
const EXAMPLE = 'lessons/workshops/example.workshop.md';
const ID = 'multicloud-networking-morning';
const LESSONS = ['multicloud-vs-hybrid', 'address-planning', 'failover'];

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
const lessonOf = (id) => course.lessons.find((l) => l.id === id);
const phone = { width: 390, height: 844 };

/** Answer a choice item with the option of authored index `index`. */
async function choose(page, itemId, index) {
  const box = page.locator(`[data-item="${itemId}"]`);
  await box.locator(`input[value="${index}"]`).check();
  await box.getByRole('button', { name: 'Check answer' }).click();
  await box.locator('.verdict').waitFor();
}

test('a learner takes a workshop from a CLI link, hands in, and the receipt reads back right', async () => {
  const url = cli('workshop', 'link', EXAMPLE, '--base', server.url);
  assert.ok(url.startsWith(`${server.url}#/workshop?w=1.`), url);

  // The learner's own course: one answer, before the workshop.
  const own = lessonOf('mesh-vs-hub');
  const page = await openApp(browser, server.url, `#/lesson/${own.id}`);
  const context = page.context();
  const ownItem = own.quiz.find((q) => q.kind.type === 'single_choice');
  await choose(page, ownItem.id, ownItem.kind.options.findIndex((o) => o.correct));
  const ownBefore = await page.evaluate(() => localStorage.getItem('cloudhop.progress'));
  assert.ok(ownBefore);

  // The link opens workshop mode at the workshop's own address.
  await page.goto(url);
  await page.waitForSelector('.workshop-home');
  assert.equal(await page.evaluate(() => location.hash), `#/workshop/${ID}/`);
  assert.equal(await page.locator('.workshop-title').innerText(), 'Multi-cloud networking: a morning workshop');
  const cards = await page.locator('.workshop-home .lesson-card').evaluateAll((els) => els.map((e) => e.dataset.lesson));
  assert.deepEqual(cards, LESSONS);
  assert.match(await page.locator('.lesson-card[data-lesson="address-planning"]').innerText(), /1 workshop exercise/);
  assert.match(await page.locator('.lesson-card[data-lesson="multicloud-vs-hybrid"]').innerText(), /pass mark 60%/);
  // No lab or course links in the workshop's chrome.
  const nav = await page.locator('header nav a').allInnerTexts();
  assert.deepEqual(nav, ['Workshop lessons', 'Glossary', 'Hand in']);
  await screenshot(page, 'workshop-home-laptop');
  await page.setViewportSize(phone);
  await screenshot(page, 'workshop-home-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Lesson 1 in the workshop: only the chosen sections and items, the workshop's pass mark.
  await page.locator('.lesson-card[data-lesson="multicloud-vs-hybrid"] h3 a').click();
  await page.waitForSelector('article.lesson[data-lesson="multicloud-vs-hybrid"]');
  assert.match(page.url(), new RegExp(`#/workshop/${ID}/lesson/multicloud-vs-hybrid$`));
  assert.deepEqual(await page.locator('section.prose h2').allInnerTexts(), [
    'Three words that get mixed up',
    'Why organisations use more than one cloud',
  ]);
  const items = await page.locator('[data-item]').evaluateAll((els) => els.map((e) => e.dataset.item));
  assert.deepEqual(items, ['multi-vs-hybrid', 'reasons', 'hype-myth']);
  assert.match(await page.locator('.lesson-head .meta').innerText(), /Pass mark 60%/);
  assert.match(await page.locator('.lesson-head .eyebrow').innerText(), /Workshop · Lesson 1 of 3/i);

  // A second tab on the same lesson follows what the first does.
  const tab2 = await openTab(context, server.url, `#/workshop/${ID}/lesson/multicloud-vs-hybrid`);
  await tab2.waitForSelector('article.lesson');

  // One item right, one wrong (the option chosen must reach the receipt).
  const l1 = lessonOf('multicloud-vs-hybrid');
  // A true/false item right, a single-choice item wrong.
  const right = l1.quiz.find((q) => items.includes(q.id) && q.kind.type === 'true_false');
  const wrong = l1.quiz.find((q) => items.includes(q.id) && q.kind.type === 'single_choice');
  assert.ok(right && wrong, 'lesson 1 asks a true/false and a single-choice item in the workshop');
  const rightIndex = right.kind.answer;
  const wrongIndex = wrong.kind.options.findIndex((o) => !o.correct);
  await choose(page, right.id, rightIndex);
  await choose(page, wrong.id, wrongIndex);
  await page.locator(`[data-item="${wrong.id}"] .verdict.bad`).waitFor();
  await tab2.locator(`[data-item="${right.id}"] .verdict.ok`).waitFor({ timeout: 20000 });
  await tab2.locator(`[data-item="${wrong.id}"] .verdict.bad`).waitFor({ timeout: 20000 });
  // A reflection, to hand in.
  const reflection = page.locator('.reflection-q textarea').first();
  const hasReflection = (await reflection.count()) > 0;
  if (hasReflection) await reflection.fill('We run two clouds by accident.');

  // The pager stays in the workshop; the workshop's own exercise is in lesson 2.
  await page.locator('a[rel="next"]').click();
  await page.waitForSelector('article.lesson[data-lesson="address-planning"]');
  assert.match(page.url(), new RegExp(`#/workshop/${ID}/lesson/address-planning$`));
  const ex = page.locator('[data-exercise="class-mesh-tunnels"]');
  await ex.locator('input[aria-label="answer"]').fill('28');
  await ex.getByRole('button', { name: 'Check' }).click();
  await ex.locator('.latency-verdict.pass').waitFor();
  // Lesson 3 drops the lesson's own exercises.
  await page.locator('a[rel="next"]').click();
  await page.waitForSelector('article.lesson[data-lesson="failover"]');
  assert.equal(await page.locator('[data-exercise]').count(), 0);

  // A reload stays in workshop mode, with the work kept.
  await page.goto(`${server.url}#/workshop/${ID}/lesson/multicloud-vs-hybrid`);
  await page.reload();
  await page.waitForSelector('article.lesson[data-lesson="multicloud-vs-hybrid"]');
  assert.equal(await page.locator('.workshop-bar').count(), 1);
  await page.locator(`[data-item="${right.id}"] .verdict.ok`).waitFor();

  // Hand in.
  await page.locator('header nav a', { hasText: 'Hand in' }).click();
  await page.waitForSelector('.hand-in');
  await page.locator('#learner-name').fill('');
  await page.getByRole('button', { name: 'Make my receipt' }).click();
  assert.match(await page.locator('.hand-in .form-error').innerText(), /name/);
  await page.locator('#learner-name').fill('Ada Lovelace');
  if (hasReflection) await page.locator('.hand-in-form input[type="checkbox"]').check();
  await page.getByRole('button', { name: 'Make my receipt' }).click();
  await page.waitForSelector('.receipt');
  const code = (await page.locator('.receipt-code').innerText()).trim();
  assert.match(code, /^CH1-[A-Z2-7]+$/);
  const qr = page.locator('svg.receipt-qr');
  assert.ok(Number(await qr.getAttribute('data-modules')) >= 21);
  assert.ok((await qr.locator('path.qr-dark').getAttribute('d')).length > 100);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Download receipt-/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `receipt-${ID}-ada-lovelace.json`);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.schema, 'cloudhop-receipt');
  assert.equal(file.receipt.learner, 'Ada Lovelace');
  const got = Object.fromEntries(file.receipt.items.map((i) => [i.item, i]));
  assert.deepEqual(Object.keys(got).sort(), [right.id, wrong.id].sort());
  assert.deepEqual(got[right.id].last, { type: 'bool', value: rightIndex });
  assert.deepEqual(got[wrong.id].last, { type: 'choices', value: [wrongIndex] });
  assert.deepEqual(file.receipt.exercises.map((e) => [e.exercise, e.passed]), [['class-mesh-tunnels', true]]);
  if (hasReflection) assert.equal(file.receipt.reflections[0].text, 'We run two clouds by accident.');
  await screenshot(page, 'workshop-hand-in-laptop');
  await page.setViewportSize(phone);
  await screenshot(page, 'workshop-hand-in-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The code, read back by the instructor's CLI.
  const dir = await mkdtemp(join(tmpdir(), 'cloudhop-ws-'));
  const codeFile = join(dir, 'ada.txt');
  await writeFile(codeFile, code);
  const report = JSON.parse(cli('workshop', 'report', EXAMPLE, codeFile));
  assert.deepEqual(report.refused, []);
  const [row] = report.report.roster;
  assert.equal(row.learner, 'Ada Lovelace');
  assert.equal(row.items_answered, 2);
  assert.equal(row.exercises_passed, 1);
  const missed = report.report.missed.find((m) => m.item === wrong.id);
  assert.deepEqual(missed.wrong.map((w) => [w.option, w.count]), [[wrongIndex, 1]]);

  // The learner's own course record is exactly as it was; the workshop's is its own.
  assert.equal(await page.evaluate(() => localStorage.getItem('cloudhop.progress')), ownBefore);
  const ws = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `cloudhop.workshop.${ID}`));
  assert.equal(ws.lessons['multicloud-vs-hybrid'].items[right.id].best, 100);
  assert.equal(JSON.parse(ownBefore).lessons['multicloud-vs-hybrid'], undefined);

  // Leaving goes back to the learner's own course.
  await page.locator('.leave-workshop').click();
  await page.waitForSelector('.course-map:not(.workshop-home)');
  assert.equal(await page.locator('.workshop-bar').count(), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a bad, damaged or too-new link says why, and the page still works', async () => {
  const page = await openApp(browser, server.url, '#/workshop?w=9.abc');
  await page.waitForSelector('.workshop-link-error');
  assert.match(await page.locator('.link-problem').innerText(), /newer cloudhop \(version 9/);
  for (const [hash, want] of [
    ['#/workshop?w=1.AAAA', /damaged/],
    ['#/workshop?w=1.a*b', /characters a link does not use/],
    ['#/workshop?w=abc', /version/],
  ]) {
    await page.goto(server.url + hash);
    await page.waitForFunction((h) => location.hash === h, hash);
    await page.waitForSelector('.workshop-link-error');
    assert.match(await page.locator('.link-problem').innerText(), want, hash);
  }
  await screenshot(page, 'workshop-bad-link');
  // A workshop page for a workshop never opened here says so.
  await page.goto(server.url + '#/workshop/never-opened/');
  await page.waitForSelector('.workshop-missing');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the instructor page checks with line numbers, gives the CLI\'s link, and a file when too long', async () => {
  const page = await openApp(browser, server.url, '#/instructor');
  const example = await readFile(join(ROOT, EXAMPLE), 'utf8');
  const broken = example.replace('## Lesson: failover', '## Lesson: no-such-lesson');
  const line = broken.split('\n').findIndex((l) => l.includes('no-such-lesson')) + 1;
  await page.locator('#workshop-text').fill(broken);
  await page.waitForSelector('.check-result.bad');
  assert.match(
    await page.locator('.check-messages').innerText(),
    new RegExp(`workshop.md:${line}: there is no lesson \`no-such-lesson\``),
  );
  await page.locator('#workshop-text').fill(example);
  await page.waitForSelector('.check-result.ok');
  const link = await page.locator('code.workshop-link').innerText();
  assert.equal(link, cli('workshop', 'link', EXAMPLE, '--base', server.url));
  const payload = link.split('w=')[1];
  assert.equal(await page.locator('a', { hasText: 'Class report' }).getAttribute('href'), `#/instructor/report?w=${payload}`);
  assert.equal(await page.locator('a', { hasText: 'Presenter view' }).getAttribute('href'), `#/instructor/present?w=${payload}`);
  assert.deepEqual(await page.locator('.plan-lesson').evaluateAll((els) => els.map((e) => e.dataset.lesson)), LESSONS);
  assert.match(await page.locator('.plan-lesson[data-lesson="address-planning"] .plan-notes').innerText(), /renumber a network/);
  await screenshot(page, 'workshop-instructor');

  // A workshop of every lesson, each with an exercise of its own: too long for a link.
  const parts = ['---', 'id: whole-course-day', 'title: The whole course in a day', '---', ''];
  course.lessons.forEach((l, i) => {
    parts.push(`## Lesson: ${l.id}`, '', `### Exercise: day-tunnels-${i}`, 'Lab: latency', `Title: Tunnels for ${l.title}`,
      `Hint: ${l.summary}`, '', `${l.title}. ${l.summary} With ${i + 3} sites, how many tunnels make a full mesh?`, '',
      '```json', `{ "kind": "tunnel-count", "n": ${i + 3}, "topology": "mesh" }`, '```', '');
  });
  await page.locator('#workshop-text').fill(parts.join('\n'));
  await page.waitForSelector('.check-result.ok .too-long');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download whole-course-day.workshop.json' }).click(),
  ]);
  const fileText = await readFile(await download.path(), 'utf8');
  assert.equal(JSON.parse(fileText).schema, 'cloudhop-workshop');
  assert.ok(!fileText.includes('"notes"'));

  // The learner opens the file on #/workshop and is in that workshop.
  await page.goto(server.url + '#/workshop');
  await page.waitForSelector('.open-workshop .drop-zone');
  await page.locator('.open-workshop input[type="file"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schema":"x"}') });
  assert.match(await page.locator('.open-workshop .form-error').innerText(), /not a workshop file/);
  await page.locator('.open-workshop input[type="file"]').setInputFiles(await download.path());
  await page.waitForSelector('.workshop-home');
  assert.equal(await page.evaluate(() => location.hash), '#/workshop/whole-course-day/');
  assert.equal(await page.locator('.workshop-home .lesson-card').count(), course.lessons.length);
  await page.locator(`.lesson-card[data-lesson="${course.lessons[0].id}"] h3 a`).click();
  await page.waitForSelector('[data-exercise="day-tunnels-0"]');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
