// xAPI to a real LRS (issue 15, points 3 and 4): the course launched with the Tin Can
// launch parameters sends its statements to Ralph LRS (a real open-source LRS, started
// on loopback by this test; see lrs.mjs) through a same-origin /xAPI/ proxy. The learner
// answers items, passes an exercise, goes offline, answers more, comes back online; the
// test then reads what Ralph stored: every expected statement, once, in order, with the
// right verbs, activity ids and results, each valid by xapi-validation (Learning
// Locker's validator), with no console error, CSP violation or request to another host.
// The instructor's class report then reads a registration's statements back from Ralph
// with read-only credentials (issue 15, point 5) and follows the class as it works.
// A cmi5 launch (issue 15, point 3): the test is the LMS (its one-time fetch URL and the
// LMS.LaunchData document, which Ralph has no State API for); statements go to Ralph and
// are checked against cmi5's rules (initialized first, terminated last, the AU's completed
// and passed with their categories, mastery score and durations, the context template on
// every statement) and validated as xAPI.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { launch, openApp, screenshot, exportedCourse, ROOT } from './harness.mjs';
import { startRalph, serveWithLrs, cmi5Lms } from './lrs.mjs';

const validate = createRequire(import.meta.url)('xapi-validation').default;

let ralph;
let server;
let browser;
let course;
let lms;
const hold = { put: false };
before(async () => {
  course = exportedCourse();
  ralph = await startRalph();
  lms = cmi5Lms(ralph);
  // `hold.put`: the LRS answers every PUT of a statement with 503 (it is down for
  // single statements), so that statements stay queued in the page.
  server = await serveWithLrs(ralph.url, undefined, {
    lms: (req, res, path) => {
      if (hold.put && req.method === 'PUT' && path === '/xAPI/statements') {
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end('held by the test');
        return true;
      }
      return lms.handle(req, res, path);
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await ralph?.close();
});

const VERB = (v) => `http://adlnet.gov/expapi/verbs/${v}`;
const COURSE = 'https://courses.example.org/cloudhop';

async function answer(page, item, right) {
  const box = page.locator(`[data-item="${item.id}"]`);
  const kind = item.kind;
  if (kind.type === 'single_choice' || kind.type === 'multiple_choice') {
    for (const [i, o] of kind.options.entries()) if (o.correct === right) await box.locator(`input[value="${i}"]`).check();
  } else if (kind.type === 'true_false') {
    await box.locator(`input[value="${right ? kind.answer : !kind.answer}"]`).check();
  } else {
    await box.locator('input.short-answer').fill(right ? kind.accepted[0] : 'certainly not this');
  }
  await box.getByRole('button', { name: 'Check answer' }).click();
  await box.locator(right ? '.verdict.ok' : '.verdict.bad').waitFor({ timeout: 20000 });
}

/** Wait until the status line says nothing waits and at least `sent` went out. */
async function settled(page, sent) {
  const status = async () => `${await page.locator('.xapi-status').innerText().catch(() => 'no status')}\n${server.proxied.join('\n')}\n${page.problems.join('\n')}`;
  await page.waitForFunction(
    (n) => {
      const s = document.querySelector('.xapi-status');
      return s && s.dataset.waiting === '0' && Number(s.dataset.sent) >= n;
    },
    sent,
    { timeout: 30000 },
  ).catch(async (e) => {
    throw new Error(`${e.message}: waiting for ${sent} sent; the page says ${await status()}`);
  });
}

test('statements reach Ralph LRS once each, in order, valid, across going offline', async () => {
  const registration = randomUUID();
  const actor = { objectType: 'Agent', name: 'Ana Learner', mbox: 'mailto:ana@example.org' };
  const query = new URLSearchParams({
    endpoint: '/xAPI/',
    auth: ralph.auth,
    actor: JSON.stringify(actor),
    registration,
    activity_id: COURSE,
  });
  const [l0, l1] = course.lessons;
  const expected = [['launched', COURSE]];
  const page = await openApp(browser, server.url, `?${query}#/lesson/${l0.id}`);
  await page.waitForSelector(`article.lesson[data-lesson="${l0.id}"]`);
  await settled(page, 1);

  // Lesson 1: the true/false item wrong first, then every item right, then its exercise.
  const first = l0.quiz.find((q) => q.kind.type === 'true_false') || l0.quiz[0];
  await answer(page, first, false);
  expected.push(['answered', `${COURSE}/lessons/${l0.id}/items/${first.id}`, { success: false, scaled: 0 }]);
  for (const item of l0.quiz) {
    await answer(page, item, true);
    expected.push(['answered', `${COURSE}/lessons/${l0.id}/items/${item.id}`, { success: true, scaled: 1 }]);
  }
  assert.equal(l0.exercises.length, 1, 'lesson 1 has one exercise');
  const ex = page.locator(`[data-exercise="${l0.exercises[0].id}"]`);
  for (const id of ['aws:eu-central-1', 'gcp:europe-west3', 'azure:germanywestcentral']) {
    await ex.locator('.latency-answer-multi label', { hasText: id }).locator('input').check();
  }
  await ex.getByRole('button', { name: 'Check', exact: true }).click();
  await ex.locator('.lab-verdict.pass').waitFor({ timeout: 20000 });
  expected.push(['attempted', `${COURSE}/exercises/${l0.exercises[0].id}`, { success: true }]);
  expected.push(['completed', `${COURSE}/lessons/${l0.id}`, { scaled: 1 }]);
  expected.push(['passed', `${COURSE}/lessons/${l0.id}`, { success: true, scaled: 1 }]);
  await settled(page, expected.length);

  // Offline: lesson 2's answers wait in the IndexedDB queue.
  await page.context().setOffline(true);
  await page.evaluate((id) => (location.hash = `#/lesson/${id}`), l1.id);
  await page.waitForSelector(`article.lesson[data-lesson="${l1.id}"]`);
  for (const item of l1.quiz) {
    await answer(page, item, true);
    expected.push(['answered', `${COURSE}/lessons/${l1.id}/items/${item.id}`, { success: true, scaled: 1 }]);
  }
  if (l1.exercises.length === 0) {
    expected.push(['completed', `${COURSE}/lessons/${l1.id}`, { scaled: 1 }]);
    expected.push(['passed', `${COURSE}/lessons/${l1.id}`, { success: true, scaled: 1 }]);
  }
  // The count is IndexedDB's, updated after each statement is queued: wait for all of them.
  const queued = l1.quiz.length + (l1.exercises.length === 0 ? 2 : 0);
  await page.waitForFunction((n) => Number(document.querySelector('.xapi-status')?.dataset.waiting) >= n, queued, { timeout: 30000 });
  const waiting = Number(await page.locator('.xapi-status').getAttribute('data-waiting'));
  assert.equal(waiting, queued, 'every offline statement waits in the queue');
  const before = (await ralph.statements(registration)).length;
  await screenshot(page.locator('.xapi-status'), 'xapi-offline');

  // Online again: the queue drains, in order.
  await page.context().setOffline(false);
  await settled(page, expected.length);
  // A reload in the same session sends no second `launched`.
  await page.reload();
  await page.waitForSelector('#main[data-ready="true"]');
  await page.waitForTimeout(1500);

  const stored = await ralph.statements(registration);
  stored.sort((a, b) => (a.stored < b.stored ? -1 : a.stored > b.stored ? 1 : 0));
  assert.equal(before, expected.length - waiting, 'nothing reached the LRS while offline');
  assert.equal(new Set(stored.map((s) => s.id)).size, stored.length, 'no statement twice');
  assert.deepEqual(
    stored.map((s) => [s.verb.id.replace('http://adlnet.gov/expapi/verbs/', ''), s.object.id]),
    expected.map(([v, id]) => [v, id]),
  );
  for (const [i, s] of stored.entries()) {
    const want = expected[i][2] || {};
    if ('success' in want) assert.equal(s.result.success, want.success, `${i}: success`);
    if ('scaled' in want) assert.equal(s.result.score.scaled, want.scaled, `${i}: scaled score`);
    assert.equal(s.verb.id, VERB(expected[i][0]));
    assert.equal(s.context.registration, registration);
    assert.equal(s.actor.mbox, actor.mbox);
    assert.ok(s.object.definition.name['en-US'], `${i}: name language map`);
    const problems = validate(s);
    assert.deepEqual(problems.map((p) => `${p.path.join('.')}: ${p.name}`), [], `${i} is valid xAPI`);
  }
  const answered = stored.find((s) => s.verb.id === VERB('answered'));
  assert.ok(answered.result.response.length > 0, 'an answer carries its response');
  assert.equal(answered.context.contextActivities.parent[0].id, `${COURSE}/lessons/${l0.id}`);
  assert.ok(answered.object.definition.description['en-US'].length > 0, 'the prompt is the description');
  console.log(`stored ${stored.length} statements; sample:\n${JSON.stringify(stored[stored.length - 1], null, 2)}`);
  // Nothing but the site and the proxied LRS was asked for.
  assert.ok(server.proxied.every((r) => r.startsWith('PUT /xAPI/statements?statementId=')), server.proxied.join('\n'));
  assert.deepEqual(page.problems, []);

  // "Erase all my data" deletes what still waits (responses included) and sends no more.
  await page.context().setOffline(true);
  const l2 = course.lessons[2];
  await page.evaluate((id) => (location.hash = `#/lesson/${id}`), l2.id);
  await page.waitForSelector(`article.lesson[data-lesson="${l2.id}"]`);
  await answer(page, l2.quiz[0], true);
  await page.waitForFunction(() => Number(document.querySelector('.xapi-status')?.dataset.waiting) > 0);
  await page.evaluate(() => (location.hash = '#/progress'));
  // Two questions: a copy first (no), then the erase itself (yes).
  const dialogs = [];
  const onDialog = (d) => {
    dialogs.push(d.message());
    return dialogs.length === 1 ? d.dismiss() : d.accept();
  };
  page.on('dialog', onDialog);
  await page.getByRole('button', { name: 'Erase all my data…' }).click();
  await page.waitForFunction(() => document.body.innerText.includes('has been erased'));
  page.off('dialog', onDialog);
  assert.equal(dialogs.length, 2, dialogs.join(' | '));
  const queueGone = async () => !(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).includes('cloudhop-xapi');
  for (let i = 0; i < 50 && !(await queueGone()); i++) await page.waitForTimeout(200);
  assert.ok(await queueGone(), 'the statement queue is deleted');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('cloudhop.xapi.launch')), null);
  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForTimeout(2500);
  assert.equal((await ralph.statements(registration)).length, stored.length, 'nothing is sent after the erase');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a statement the LRS refuses is listed with its reason and not resent', async () => {
  const registration = randomUUID();
  // Credentials Ralph refuses: every statement gets a 401, a refusal (not a network failure).
  const query = new URLSearchParams({
    endpoint: '/xAPI/',
    auth: 'Basic ' + Buffer.from('cloudhop:wrong-password').toString('base64'),
    actor: JSON.stringify({ mbox: 'mailto:ana@example.org' }),
    registration,
    activity_id: COURSE,
  });
  const page = await openApp(browser, server.url, `?${query}#/`);
  await page.waitForSelector('.xapi-refused li', { timeout: 15000 });
  const text = await page.locator('.xapi-refused').innerText();
  assert.match(text, /launched https:\/\/courses\.example\.org\/cloudhop: HTTP 401/);
  const puts = () => server.proxied.filter((r) => r.includes('PUT') && r.endsWith(' 401')).length;
  const n = puts();
  await page.waitForTimeout(2500);
  assert.equal(puts(), n, 'a refused statement is not resent');
  assert.equal(await page.locator('.xapi-status').getAttribute('data-waiting'), '0');
  // The browser logs the 401 response itself; nothing else is a problem.
  assert.deepEqual(page.problems.filter((p) => !/401/.test(p)), []);
  await page.context().close();
});

const cli = (...args) =>
  execFileSync('cargo', ['run', '-q', '-p', 'cloudhop-cli', '--', ...args], { cwd: ROOT, maxBuffer: 64 << 20 })
    .toString()
    .trim();

/** A learner launched from the LMS with xAPI parameters, on lesson `lesson`. */
async function launchedLearner(registration, actor, lesson) {
  const query = new URLSearchParams({ endpoint: '/xAPI/', auth: ralph.auth, actor: JSON.stringify(actor), registration, activity_id: COURSE });
  const page = await openApp(browser, server.url, `?${query}#/lesson/${lesson}`);
  await page.waitForSelector(`article.lesson[data-lesson="${lesson}"]`);
  return page;
}

test('the class report reads a registration from the LRS with read-only credentials and follows it', async () => {
  const lesson = course.lessons.find((l) => l.id === 'multicloud-vs-hybrid');
  const single = lesson.quiz.find((q) => q.id === 'multi-vs-hybrid');
  const claim = lesson.quiz.find((q) => q.id === 'hype-myth');
  const registration = randomUUID();
  // Two learners of the class, and one of another registration the report must not show.
  const ana = await launchedLearner(registration, { name: 'Ana Learner', mbox: 'mailto:ana@example.org' }, lesson.id);
  const bo = await launchedLearner(registration, { name: 'Bo', mbox: 'mailto:bo@example.org' }, lesson.id);
  const other = await launchedLearner(randomUUID(), { name: 'Someone Else', mbox: 'mailto:else@example.org' }, lesson.id);
  await answer(ana, single, true);
  await answer(ana, claim, true);
  await answer(bo, single, false);
  await answer(other, single, false);
  await settled(ana, 3);
  await settled(bo, 2);
  await settled(other, 2);

  // Read-only really: the reader's credentials cannot write.
  const auth = 'Basic ' + Buffer.from(`${ralph.reader.key}:${ralph.reader.secret}`).toString('base64');
  const put = await fetch(`${ralph.url}/xAPI/statements`, { method: 'POST', headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }, body: '[]' });
  assert.ok(put.status === 401 || put.status === 403, `the reader may not write (HTTP ${put.status})`);

  const url = cli('workshop', 'link', 'lessons/workshops/example.workshop.md', '--base', server.url);
  const page = await openApp(browser, server.url, `#/instructor/report?w=${url.split('w=')[1]}`);
  await page.locator('.class-report h1').waitFor();
  const form = page.locator('form.lrs-form');
  const fill = async (values) => {
    for (const [name, v] of Object.entries(values)) await form.locator(`input[name="${name}"]`).fill(v);
    await form.getByRole('button', { name: /Read/ }).first().click();
  };
  // A registration that is not a UUID is named before anything is asked.
  const asked = server.proxied.length;
  await fill({ endpoint: '/xAPI/', key: ralph.reader.key, secret: ralph.reader.secret, registration: 'class-of-monday', activity_id: COURSE });
  assert.match(await page.locator('.lrs-reader .form-error').innerText(), /registration is not usable \(not a UUID/);
  assert.equal(server.proxied.length, asked, 'no request for a form that is wrong');
  // A wrong secret: the LRS's refusal, in words, and reading stops.
  await fill({ registration, secret: 'wrong' });
  await page.locator('.lrs-status[data-state="failed"]').waitFor({ timeout: 10000 });
  assert.match(await page.locator('.lrs-status').innerText(), /refused the key and secret.*Reading stopped/s);

  // The right ones: both learners of the registration, from the LRS, and nobody else.
  await fill({ secret: ralph.reader.secret });
  await page.locator('.lrs-status[data-state="read"]').waitFor({ timeout: 10000 });
  const status = page.locator('.lrs-status');
  assert.equal(await status.getAttribute('data-learners'), '2');
  assert.equal(await status.getAttribute('data-statements'), String(3 + 2), 'launched and answered: three of Ana, two of Bo');
  const rows = page.locator('table.roster tbody tr');
  const roster = () => rows.evaluateAll((trs) => trs.map((tr) => `${tr.dataset.learner} ${tr.dataset.source}`));
  assert.deepEqual(await roster(), ['Ana Learner lrs', 'Bo lrs']);
  const missed = page.locator('.missed-items > li');
  assert.deepEqual(await missed.evaluateAll((lis) => lis.map((li) => li.dataset.item)), ['multi-vs-hybrid']);
  assert.match(await missed.nth(0).locator('.meta').innerText(), /Missed by 1 of 2 who answered/);

  // The class goes on: Bo misjudges the claim; the report shows it within a refresh.
  await answer(bo, claim, false);
  await settled(bo, 3);
  await page.waitForFunction(() => [...document.querySelectorAll('.missed-items > li')].some((li) => li.dataset.item === 'hype-myth'), null, { timeout: 15000 });
  assert.ok(Number(await status.getAttribute('data-reads')) >= 2);
  assert.equal(await status.getAttribute('data-statements'), String(3 + 3));
  await screenshot(page, 'class-report-lrs', { fullPage: true });

  // Only GETs of this registration went out from the report, with the reader's key.
  const reads = server.proxied.slice(asked).filter((r) => r.startsWith('GET'));
  assert.ok(reads.length >= 3, reads.join('\n'));
  assert.ok(reads.every((r) => r.startsWith(`GET /xAPI/statements?registration=${registration}&`)), reads.join('\n'));
  // The browser logs the refused read (401) itself; nothing else is a problem.
  assert.deepEqual(page.problems.filter((p) => !/401/.test(p)), []);
  // Stopping stops the reads.
  await page.getByRole('button', { name: 'Stop reading' }).click();
  // The proxy logs a request when the LRS has answered it: a read already on its way at
  // the click may land just after. The window that follows is still longer than the 5 s
  // between reads, so a loop that did not stop is caught.
  await page.waitForTimeout(2000);
  const n = server.proxied.length;
  await page.waitForTimeout(6000);
  assert.equal(server.proxied.slice(n).filter((r) => r.startsWith('GET')).length, 0, 'no read after Stop');
  for (const p of [ana, bo, other, page]) await p.context().close();
});

const CMI5 = 'https://w3id.org/xapi/cmi5/context/';
// The AU must read the learner preferences (cmi5 11); this LMS has none for the learner and
// answers 404, which the browser logs itself. Nothing else may be a problem.
const notProfile404 = (p) => !/status of 404/.test(p);

test('a cmi5 launch: token once, launch data, initialized … completed, passed by the mastery score … terminated, then back to the LMS', async () => {
  // A one-lesson workshop without exercises, so that two answers complete the AU.
  const file = join(mkdtempSync(join(tmpdir(), 'cloudhop-cmi5-')), 'cmi5.workshop.md');
  writeFileSync(file, '---\nid: cmi5-check\ntitle: cmi5 check\npass_mark: 60\n---\n\n## Lesson: multicloud-vs-hybrid\nItems: multi-vs-hybrid, hype-myth\nLesson exercises: no\n');
  // What the LMS imports: the course structure for this copy of the site, with the AU's URL.
  const xmlPath = join(dirname(file), 'cmi5.xml');
  const built = JSON.parse(cli('package', 'cmi5', '--url', server.url, '--workshop', file, '--mastery', '0.4', '-o', xmlPath));
  const xml = readFileSync(xmlPath, 'utf8');
  assert.match(xml, /<au id="[^"]+\/au" moveOn="CompletedAndPassed" masteryScore="0.4" launchMethod="AnyWindow">/);
  const auUrl = xml.match(/<url>([^<]+)<\/url>/)[1].replaceAll('&amp;', '&');
  assert.equal(auUrl, built.url);
  assert.ok(auUrl.startsWith(`${server.url}index.html?w=`), auUrl);
  const lesson = course.lessons.find((l) => l.id === 'multicloud-vs-hybrid');
  const single = lesson.quiz.find((q) => q.id === 'multi-vs-hybrid');
  const claim = lesson.quiz.find((q) => q.id === 'hype-myth');

  const registration = randomUUID();
  const activityId = 'https://lms.example.org/courses/7/au/cloudhop';
  const publisher = 'https://cloudhop.example.org/au/workshop';
  const session = randomUUID();
  const actor = { objectType: 'Agent', name: 'Ana Learner', account: { homePage: 'https://lms.example.org', name: 'ana-42' } };
  const launchData = {
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: publisher }] },
      extensions: { [`${CMI5}extensions/sessionid`]: session },
    },
    launchMode: 'Normal',
    moveOn: 'CompletedAndPassed',
    masteryScore: 0.4,
    returnURL: `${server.url}lms/return`,
  };
  const query = lms.launch({ actor, registration, activityId, launchData });
  // The LMS records `launched` before it launches (cmi5 9.3.1).
  const launched = {
    id: randomUUID(), actor, verb: { id: VERB('launched'), display: { 'en-US': 'launched' } },
    object: { objectType: 'Activity', id: activityId },
    context: { registration, contextActivities: { grouping: [{ objectType: 'Activity', id: publisher }], category: [{ objectType: 'Activity', id: `${CMI5}categories/cmi5` }] },
      extensions: { [`${CMI5}extensions/sessionid`]: session, [`${CMI5}extensions/launchmode`]: 'Normal', [`${CMI5}extensions/moveon`]: 'CompletedAndPassed', [`${CMI5}extensions/masteryscore`]: 0.4, [`${CMI5}extensions/launchurl`]: server.url } },
    timestamp: new Date().toISOString(),
  };
  const r = await fetch(`${ralph.url}/xAPI/statements`, { method: 'POST', headers: { Authorization: ralph.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' }, body: JSON.stringify(launched) });
  assert.equal(r.status, 200, await r.text());

  // The LMS launches the AU's URL with its parameters appended (cmi5 8.1).
  const page = await openApp(browser, server.url, `${auUrl.slice(server.url.length)}&${query}`);
  await page.waitForSelector('.workshop-home');
  await page.waitForSelector('.xapi-status[data-cmi5="Normal"]');
  await settled(page, 1);
  assert.equal(lms.fetches, 1);
  assert.equal(lms.stateReads.length, 1);

  await page.locator(`.lesson-card[data-lesson="${lesson.id}"] h3 a`).click();
  await page.waitForSelector(`article.lesson[data-lesson="${lesson.id}"]`);
  await answer(page, single, true);
  await answer(page, claim, false);
  // answered x2, the lesson's completed and failed (50% < its 60% pass mark): cmi5 allowed;
  // the AU's completed, and passed (0.5 is at least the LMS's mastery score of 0.4).
  await page
    .waitForFunction(() => Number(document.querySelector('.xapi-status')?.dataset.sent) >= 1 + 6 && document.querySelector('.xapi-status')?.dataset.waiting === '0', null, { timeout: 30000 })
    .catch(async (e) => {
      const got = (await ralph.statements(registration)).map((s) => `${s.verb.id.split('/').pop()} ${s.object.id}`);
      throw new Error(`${e.message}: the page says ${await page.locator('.xapi-status').innerText()}; the LRS has\n${got.join('\n')}`);
    });
  await screenshot(page.locator('.xapi-status'), 'cmi5-status');
  await page.getByRole('button', { name: 'Exit and return to the LMS' }).click();
  await page.waitForURL(/\/lms\/return$/, { timeout: 15000 });

  const stored = (await ralph.statements(registration)).sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.stored < b.stored ? -1 : 1));
  const verbOf = (s) => s.verb.id.split('/').pop();
  const au = stored.filter((s) => s.object.id === activityId);
  console.log(stored.map((s) => `${verbOf(s)} ${s.object.id}`).join('\n'));
  assert.deepEqual(au.map(verbOf), ['launched', 'initialized', 'completed', 'passed', 'terminated']);
  const mine = stored.filter((s) => s.id !== launched.id);
  assert.equal(verbOf(mine[0]), 'initialized', 'initialized is the AU\'s first statement');
  assert.equal(verbOf(mine[mine.length - 1]), 'terminated', 'terminated is its last');
  assert.equal(mine.length, 1 + 2 + 2 + 2 + 1);
  for (const s of mine) {
    const c = s.context;
    assert.equal(c.registration, registration);
    assert.equal(c.extensions[`${CMI5}extensions/sessionid`], session, `${verbOf(s)}: the session id`);
    assert.ok(c.contextActivities.grouping.some((g) => g.id === publisher), `${verbOf(s)}: the publisher id grouping`);
    assert.deepEqual(s.actor.account, actor.account);
    const cats = (c.contextActivities.category || []).map((a) => a.id);
    const defined = s.object.id === activityId;
    assert.equal(cats.includes(`${CMI5}categories/cmi5`), defined, `${verbOf(s)} ${s.object.id}: the cmi5 category on defined statements only`);
    assert.equal(cats.includes(`${CMI5}categories/moveon`), defined && ['completed', 'passed'].includes(verbOf(s)), `${verbOf(s)}: the moveOn category`);
    const problems = validate(s);
    assert.deepEqual(problems.map((p) => `${p.path.join('.')}: ${p.name}`), [], `${verbOf(s)} is valid xAPI`);
  }
  const [, , completed, passed, terminated] = au;
  assert.deepEqual([completed.result.completion, 'success' in completed.result, 'score' in completed.result], [true, false, false]);
  assert.match(completed.result.duration, /^PT\d+\.\d\dS$/);
  assert.deepEqual([passed.result.success, passed.result.score.scaled], [true, 0.5]);
  assert.equal(passed.context.extensions[`${CMI5}extensions/masteryscore`], 0.4);
  assert.match(passed.result.duration, /^PT/);
  assert.match(terminated.result.duration, /^PT/);
  assert.deepEqual(page.problems.filter(notProfile404), []);
  await page.context().close();

  // The fetch URL is one-time: the same launch link again is refused in words.
  const again = await openApp(browser, server.url, `?${query}#/`);
  await again.waitForSelector('.xapi-status.warning');
  assert.match(await again.locator('.xapi-status').innerText(), /already used or has expired/);
  assert.deepEqual(again.problems.filter(notProfile404), []);
  await again.context().close();

  // Leaving without Exit (closing the window, or a reload) terminates the session too,
  // sent as the page goes; the reloaded page says so and asks for no second token.
  const reg2 = randomUUID();
  const q2 = lms.launch({ actor, registration: reg2, activityId, launchData: { ...launchData, launchMode: 'Browse' } });
  const fetches = lms.fetches;
  const p2 = await openApp(browser, server.url, `?${q2}#/`);
  await p2.waitForSelector('.xapi-status[data-cmi5="Browse"]');
  await settled(p2, 1);
  await p2.reload();
  await p2.waitForSelector('.xapi-status.warning');
  assert.match(await p2.locator('.xapi-status').innerText(), /session has ended/);
  assert.equal(lms.fetches, fetches + 1, 'one token for the session, not one per page load');
  let verbs = [];
  for (let i = 0; i < 25 && verbs.length < 2; i++) {
    verbs = (await ralph.statements(reg2)).map(verbOf);
    if (verbs.length < 2) await new Promise((ok) => setTimeout(ok, 200));
  }
  assert.deepEqual(verbs.sort(), ['initialized', 'terminated']);
  assert.deepEqual(p2.problems.filter(notProfile404), []);
  await p2.context().close();

  // Leaving while statements still wait in the queue (the LRS answered 503 to each PUT):
  // as the page goes, they are sent ahead of terminated in one keepalive POST, so
  // terminated stays last; the reloaded page sends that batch again one by one (headless
  // Chromium drops some keepalive requests on a reload), and the LRS keeps each once.
  const reg3 = randomUUID();
  const q3 = lms.launch({ actor, registration: reg3, activityId, launchData });
  const from3 = server.proxied.length;
  const p3 = await openApp(browser, server.url, `?${q3}#/lesson/${lesson.id}`);
  await p3.waitForSelector('.xapi-status[data-cmi5="Normal"]');
  await settled(p3, 1);
  hold.put = true;
  try {
    await answer(p3, single, true);
    await answer(p3, claim, true);
    await p3.waitForFunction(() => Number(document.querySelector('.xapi-status')?.dataset.waiting) >= 2, null, { timeout: 15000 });
  } finally {
    hold.put = false;
  }
  await p3.reload();
  await p3.waitForSelector('.xapi-status.warning');
  let third = [];
  for (let i = 0; i < 25 && !third.some((s) => verbOf(s) === 'terminated'); i++) {
    third = await ralph.statements(reg3);
    if (!third.some((s) => verbOf(s) === 'terminated')) await new Promise((ok) => setTimeout(ok, 200));
  }
  // In the order the LRS stored them (a batch shares one time: then by timestamp).
  third.sort((a, b) => (a.stored < b.stored ? -1 : a.stored > b.stored ? 1 : a.timestamp < b.timestamp ? -1 : 1));
  console.log(third.map((s) => `${verbOf(s)} ${s.object.id} stored ${s.stored}`).join('\n'));
  const thirdVerbs = third.map(verbOf);
  assert.equal(thirdVerbs.filter((v) => v === 'answered').length, 2, `${thirdVerbs}\n${server.proxied.slice(from3).join('\n')}\n${p3.problems.join('\n')}`);
  assert.equal(thirdVerbs[0], 'initialized', `${thirdVerbs}`);
  // terminated stored last, once.
  assert.equal(thirdVerbs[thirdVerbs.length - 1], 'terminated', `${thirdVerbs}`);
  assert.equal(thirdVerbs.filter((v) => v === 'terminated').length, 1);
  const end = third[third.length - 1];
  assert.ok(third.every((s) => s.timestamp <= end.timestamp), 'terminated has the latest timestamp');
  for (const s of third) assert.deepEqual(validate(s).map((p) => `${p.path.join('.')}: ${p.name}`), [], `${verbOf(s)} is valid xAPI`);
  console.log(`# as the page went: ${server.proxied.slice(from3).filter((l) => l.startsWith('POST')).length ? 'the keepalive POST arrived' : 'the keepalive POST was dropped; the reload sent the batch'}`);
  assert.deepEqual(p3.problems.filter(notProfile404).filter((p) => !/503/.test(p)), []);
  await p3.context().close();
});
