// The course as a learner uses it: course map, lesson 1, a wrong and a right answer, a
// reflection, reload, export, clear, import; damaged storage kept aside; bad imports
// refused. Screenshots go to target/screenshots/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, screenshot, ROOT, useSite, exportProgress } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** The first lesson file and two single-choice items with their right and a wrong option. */
async function lessonOne() {
  const dir = join(ROOT, 'lessons', 'content');
  const file = (await readdir(dir)).filter((f) => /^\d.*\.md$/.test(f)).sort()[0];
  const text = await readFile(join(dir, file), 'utf8');
  const id = text.match(/^id:\s*(\S+)/m)[1];
  const items = [];
  const re = /^### single:\s*(\S+)\n([\s\S]*?)(?=^### |^## |(?![\s\S]))/gm;
  for (const m of text.matchAll(re)) {
    const opts = [...m[2].matchAll(/^- \[( |x)\]/gm)].map((o) => o[1] === 'x');
    items.push({ id: m[1], right: opts.indexOf(true), wrong: opts.indexOf(false) });
  }
  const total = [...text.matchAll(/^### (single|multiple|truefalse|short):/gm)].length;
  assert.ok(items.length >= 2, 'lesson 1 needs two single-choice items for this test');
  return { id, items, total };
}

async function answer(page, itemId, optionIndex) {
  const item = page.locator(`[data-item="${itemId}"]`);
  // Options are shown in a per-learner order: pick by the authored index.
  await item.locator(`input[value="${optionIndex}"]`).check();
  await item.getByRole('button', { name: 'Check answer' }).click();
  return item;
}

test('course map lists every lesson with its facts and progress', async () => {
  const page = await openApp(browser, server.url, '#/');
  const cards = page.locator('.lesson-card');
  const n = await cards.count();
  assert.ok(n >= 1);
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    assert.ok((await card.locator('h3').innerText()).length > 3);
    assert.ok((await card.locator('.summary').innerText()).length > 10);
    assert.match(await card.locator('.meta').innerText(), /\d+ min/);
    assert.match(await card.locator('.badge').innerText(), /Not started|In progress|Passed/);
  }
  assert.equal(await page.locator('.lesson-graph .node').count(), n);
  // The hero's figures are counted, not written: as many labs as the map lists.
  const labs = await page.locator('.lab-cards .lab-card').count();
  assert.ok(labs >= 5, `${labs} lab cards`);
  const stats = await page.locator('.hero-stats > div').evaluateAll((ds) =>
    ds.map((d) => [d.querySelector('strong').textContent, d.querySelector('span').textContent]));
  assert.deepEqual(stats[0], [`0 / ${n}`, 'lessons passed']);
  assert.deepEqual(stats[2], [String(labs), 'labs']);
  await screenshot(page, 'course-map');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('lesson 1: answer, feedback, score, reflection; all survive a reload; export, clear, import', async () => {
  const { id, items, total } = await lessonOne();
  const page = await openApp(browser, server.url, '#/');
  await page.locator(`.lesson-card[data-lesson="${id}"] h3 a`).click();
  await page.waitForSelector(`article.lesson[data-lesson="${id}"]`);
  assert.ok(await page.locator('section.prose').count() >= 2, 'lesson has prose sections');
  assert.ok(await page.locator('#takeaways li').count() >= 2, 'lesson has takeaways');
  const reflections = page.locator('.reflection-q textarea');
  assert.ok(await reflections.count() >= 1, 'lesson has reflection questions');

  // Before answering, no explanation is shown.
  const [a, b] = items;
  const itemA = page.locator(`[data-item="${a.id}"]`);
  assert.equal(await itemA.locator('.explanation').count(), 0);

  // One wrong, one right.
  await answer(page, a.id, a.wrong);
  await itemA.locator('.verdict').waitFor();
  assert.match(await itemA.locator('.verdict').innerText(), /Not quite/);
  assert.equal(await itemA.locator('.explanation').count(), 1, 'explanation after answering');
  const itemB = await answer(page, b.id, b.right);
  await itemB.locator('.verdict.ok').waitFor();
  assert.match(await itemB.locator('.verdict').innerText(), /Correct/);
  // One of `total` items right: the score rounds to the nearest percent (4 of 6 is 67%).
  const expected = Math.round(100 / total);
  const scoreText = await page.locator('.quiz-score').innerText();
  assert.match(scoreText, new RegExp(`Score ${expected}% · 2 of ${total} answered`));

  // A reflection with markup is kept as text.
  const note = 'Keep <b>DNS</b> & identity in one place.';
  await reflections.first().fill(note);
  assert.equal(await page.locator('.reflection-q b').count(), 0);
  await screenshot(page, 'lesson-1-answered');

  // Reload: answers, score and reflection persist.
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]');
  await page.waitForSelector(`[data-item="${b.id}"] .verdict.ok`);
  assert.match(await page.locator(`[data-item="${a.id}"] .verdict`).innerText(), /Not quite/);
  assert.match(await page.locator('.quiz-score').innerText(), new RegExp(`Score ${expected}%`));
  assert.equal(await page.locator('.reflection-q textarea').first().inputValue(), note);
  assert.ok(await page.locator(`[data-item="${b.id}"] input[value="${b.right}"]`).isChecked(), 'last answer restored');

  // Export from the Progress page.
  const exported = await exportProgress(page, server.url);
  const doc = JSON.parse(exported);
  assert.equal(doc.schema, 'cloudhop-progress');
  assert.equal(doc.version, 3);
  assert.equal(doc.lessons[id].items[b.id].best, 100);
  assert.equal(doc.lessons[id].reflections[Object.keys(doc.lessons[id].reflections)[0]], note);
  assert.match(await page.locator('.reflection-answer .a').first().innerText(), /Keep <b>DNS<\/b>/);
  await screenshot(page, 'progress-page');

  // Clear storage: the record is gone.
  await page.evaluate(() => localStorage.clear());
  await page.goto(server.url + '#/lesson/' + id);
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]');
  assert.match(await page.locator('.quiz-score').innerText(), /Score 0% · 0 of/);

  // Import the exported file: everything is back.
  await page.goto(server.url + '#/progress');
  await page.waitForSelector('.progress-page');
  const dir = await mkdtemp(join(tmpdir(), 'cloudhop-'));
  const file = join(dir, 'progress.json');
  await writeFile(file, exported);
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForSelector('.notice');
  assert.match(await page.locator('.notice').innerText(), /Progress imported/);
  await page.goto(server.url + '#/lesson/' + id);
  await page.waitForSelector(`[data-item="${b.id}"] .verdict.ok`);
  assert.match(await page.locator('.quiz-score').innerText(), new RegExp(`Score ${expected}%`));
  assert.equal(await page.locator('.reflection-q textarea').first().inputValue(), note);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a bad import file is refused with a reason and changes nothing', async () => {
  const { id, items } = await lessonOne();
  const page = await openApp(browser, server.url, '#/lesson/' + id);
  await answer(page, items[1].id, items[1].right);
  await page.goto(server.url + '#/progress');
  await page.waitForSelector('.progress-page');
  const before = await page.evaluate(() => localStorage.getItem('cloudhop.progress'));
  const dir = await mkdtemp(join(tmpdir(), 'cloudhop-'));
  for (const [name, body, reason] of [
    ['junk.json', '{"hello": ', /not valid JSON/],
    ['other.json', '{"schema":"something-else","version":1}', /not cloudhop progress/],
    ['future.json', '{"schema":"cloudhop-progress","version":9,"lessons":{}}', /newer cloudhop/],
  ]) {
    const file = join(dir, name);
    await writeFile(file, body);
    await page.locator('input[type=file]').setInputFiles(file);
    // The file is read asynchronously and the previous file's error is still shown.
    const err = page.locator('.form-error', { hasText: reason });
    await err.waitFor();
    assert.match(await err.innerText(), reason);
    assert.match(await err.innerText(), /Nothing was changed/);
    assert.equal(await page.evaluate(() => localStorage.getItem('cloudhop.progress')), before);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('damaged stored progress is kept aside, the learner is told, and the app works', async () => {
  const { id, items } = await lessonOne();
  const page = await openApp(browser, server.url, '#/');
  const damaged = '{"schema":"cloudhop-progress","version":1,"lessons":{"x":{"items":{"q":{"attempts":"many"';
  await page.evaluate((v) => localStorage.setItem('cloudhop.progress', v), damaged);
  await page.reload();
  await page.waitForSelector('.notice.warning');
  assert.match(await page.locator('.notice').innerText(), /could not be read.*kept aside/s);
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('cloudhop.progress.backup.')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept, [damaged]);
  await screenshot(page, 'damaged-storage-notice');
  // The app still works and saves a fresh record.
  await page.goto(server.url + '#/lesson/' + id);
  await answer(page, items[1].id, items[1].right);
  await page.locator(`[data-item="${items[1].id}"] .verdict.ok`).waitFor();
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('cloudhop.progress')));
  assert.equal(saved.lessons[id].items[items[1].id].best, 100);
  // The kept copy is offered for download on the Progress page.
  await page.goto(server.url + '#/progress');
  assert.equal(await page.locator('.backups li').count(), 1);
  await page.context().close();
});

test('phone layout and dark theme render the lesson', async () => {
  const { id } = await lessonOne();
  const phone = await openApp(browser, server.url, '#/lesson/' + id, { viewport: { width: 390, height: 844 } });
  const { overflow, culprits } = await phone.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The elements that stick out past the viewport, innermost first, to say what to fix.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });
  assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px): ${culprits.join(', ')}`);
  await screenshot(phone, 'lesson-1-phone');
  await phone.context().close();
  const dark = await openApp(browser, server.url, '#/', { colorScheme: 'dark' });
  const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(14, 20, 34)');
  await screenshot(dark, 'course-map-dark');
  await dark.context().close();
});

test('the tab title follows the page', async () => {
  const page = await openApp(browser, server.url, '#/');
  assert.equal(await page.title(), 'cloudhop · multi-cloud networking, hands on');
  await page.goto(server.url + '#/lesson/connecting-clouds');
  await page.waitForFunction(() => document.title !== 'cloudhop · multi-cloud networking, hands on');
  const lesson = await page.locator('h1').first().innerText();
  assert.equal(await page.title(), `${lesson} · cloudhop`);
  await page.goto(server.url + '#/lab/bgp');
  await page.waitForFunction(() => document.title === 'BGP lab · cloudhop');
  await page.goto(server.url + '#/progress');
  await page.waitForFunction(() => document.title === 'Your progress · cloudhop');
  await page.goto(server.url + '#/nowhere');
  await page.waitForFunction(() => document.title === 'Page not found · cloudhop');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
