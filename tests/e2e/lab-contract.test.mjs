// End-to-end tests of the one lab contract (issue "One lab contract"): every lab reads its
// share links and saved exercise work the same way. A link or saved state that cannot be
// read is kept aside in this browser and the learner is told, in every lab alike; links
// are versioned, and links from before the version still open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, useSite } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

const LABS = ['planner', 'bgp', 'latency', 'failover', 'dns'];

/** The `s=` value of the page's hash, decoded. */
async function linkState(page) {
  const hash = await page.evaluate(() => location.hash);
  const s = new URL('http://x/?' + hash.split('?')[1]).searchParams.get('s');
  return s;
}

/** Keys and values cloudhop kept aside for lab scenarios. */
const keptAside = (page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('cloudhop.lab.backup.'))
      .map((k) => [k, localStorage.getItem(k)]),
  );

for (const lab of LABS) {
  test(`${lab}: a link that cannot be read is kept aside, the learner is told, the link stays`, async () => {
    const page = await openApp(browser, server.url, `#/lab/${lab}?s=garbage%7Bnot-a-scenario`);
    const notice = page.locator('.lab-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /The scenario in this link could not be read \(it is not a lab scenario/);
    assert.match(await notice.innerText(), /kept aside in this browser/);
    // The lab shows its own start and works.
    assert.equal(await page.locator('.lab').count(), 1);
    // The address bar still holds the broken link (it is not rewritten behind the learner).
    await page.waitForTimeout(300);
    assert.equal(await linkState(page), 'garbage{not-a-scenario');
    const kept = await keptAside(page);
    assert.equal(kept.length, 1);
    assert.ok(kept[0][0].startsWith(`cloudhop.lab.backup.${lab}.`), kept[0][0]);
    assert.equal(kept[0][1], 'garbage%7Bnot-a-scenario');
    // Opening the same link again does not store a second copy.
    await page.reload();
    await notice.waitFor();
    assert.equal((await keptAside(page)).length, 1);
    // The progress page offers the kept text for download.
    await page.goto(server.url + '#/progress');
    const button = page.getByRole('button', { name: new RegExp(`Download the .* scenario kept on`) });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^cloudhop-${lab}-kept-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.txt$`));
    if (lab === 'bgp') await screenshot(page, 'lab-contract-kept-aside');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('links are versioned, open in their own lab only, and old unversioned links still open', async () => {
  const page = await openApp(browser, server.url, '#/lab/bgp');
  await page.waitForSelector('.bgp-graph');
  await page.selectOption('.bgp-seed', 'private-wan');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"lab":"bgp","v":1'));
  const link = await linkState(page);
  const env = JSON.parse(link);
  assert.equal(env.lab, 'bgp');
  assert.equal(env.v, 1);
  assert.equal(env.state.sc.ases.length, 7);

  // The same link opened elsewhere shows the same scenario.
  const again = await openApp(browser, server.url, `#/lab/bgp?s=${encodeURIComponent(link)}`);
  await again.waitForSelector('.bgp-graph');
  assert.equal(await again.locator('.bgp-node').count(), 7);
  assert.equal(await again.locator('.lab-notice').count(), 0);

  // A BGP link opened in the planner is refused by name, not misread.
  const wrong = await openApp(browser, server.url, `#/lab/planner?s=${encodeURIComponent(link)}`);
  assert.match(await wrong.locator('.lab-notice').innerText(), /it is a scenario for the bgp lab/);

  // A newer release's link says so.
  const newer = encodeURIComponent(JSON.stringify({ lab: 'bgp', v: 99, state: {} }));
  const future = await openApp(browser, server.url, `#/lab/bgp?s=${newer}`);
  assert.match(await future.locator('.lab-notice').innerText(), /made by a newer release of cloudhop \(format 99/);

  // An unversioned link, as releases before the envelope wrote them, still opens.
  const old = encodeURIComponent(JSON.stringify(env.state));
  const legacy = await openApp(browser, server.url, `#/lab/bgp?s=${old}`);
  await legacy.waitForSelector('.bgp-graph');
  assert.equal(await legacy.locator('.bgp-node').count(), 7);
  assert.equal(await legacy.locator('.lab-notice').count(), 0);
  for (const p of [page, again, wrong, future, legacy]) {
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test('saved exercise work that cannot be read is kept aside and the exercise starts afresh', async () => {
  const page = await openApp(browser, server.url, '#/lesson/bgp-multicloud-wan');
  const ex = page.locator('[data-exercise="interconnect-over-tunnel"]');
  await ex.waitFor();
  await ex.locator('.bgp-check').click();
  await ex.locator('.bgp-verdict').waitFor();
  // The check saved the lab state, versioned, in the progress record.
  const saved = await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem('cloudhop.progress'));
    return p.lessons['bgp-multicloud-wan'].exercises['interconnect-over-tunnel'].state;
  });
  assert.ok(decodeURIComponent(saved).startsWith('{"lab":"bgp","v":1,'), saved);
  // Damage it, as an old or broken record would be, and reload.
  await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem('cloudhop.progress'));
    p.lessons['bgp-multicloud-wan'].exercises['interconnect-over-tunnel'].state = '{"lab":"bgp","v":1,"state":{"sc":7}}';
    localStorage.setItem('cloudhop.progress', JSON.stringify(p));
  });
  await page.reload();
  await ex.waitFor();
  const notice = ex.locator('.lab-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /Your saved work on this exercise could not be restored/);
  const kept = await keptAside(page);
  assert.deepEqual(kept.map(([, v]) => v), ['{"lab":"bgp","v":1,"state":{"sc":7}}']);
  // The exercise is usable: it starts from its own scenario and checks as before.
  await ex.locator('.bgp-check').click();
  assert.match(await ex.locator('.bgp-verdict').innerText(), /^✗ .*still reaches 10\.1\.0\.0\/16 through AS 65001/);
  await screenshot(page, 'lab-contract-saved-work-kept');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('every lab shows its verdict with the same symbols and classes', async () => {
  const page = await openApp(browser, server.url, '#/lesson/bgp-multicloud-wan');
  const ex = page.locator('[data-exercise="interconnect-over-tunnel"]');
  await ex.waitFor();
  await ex.locator('.lab-check').click();
  const v = ex.locator('.lab-verdict.fail');
  await v.waitFor();
  assert.match(await v.innerText(), /^✗ /);
  assert.equal(await ex.locator('.lab-goal .lab-goal-text').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('bgp: a leak written for every neighbour shows as on for each of them', async () => {
  const page = await openApp(browser, server.url, '#/lab/bgp');
  await page.waitForSelector('.bgp-graph');
  await page.waitForFunction(() => location.hash.includes('s='));
  const env = JSON.parse(await linkState(page));
  // AS 65010 leaks to all its neighbours (no `to`), as a shared or imported scenario may say.
  env.state.sc.policy = { ...(env.state.sc.policy || {}), leaks: [{ asn: 65010 }] };
  const leaky = await openApp(browser, server.url, `#/lab/bgp?s=${encodeURIComponent(JSON.stringify(env))}`);
  await leaky.waitForSelector('.bgp-graph');
  await leaky.locator('.bgp-node[data-asn="65010"]').click();
  const boxes = leaky.locator('.bgp-panel[data-asn="65010"] .bgp-leak');
  const n = await boxes.count();
  assert.ok(n >= 2, `neighbours: ${n}`);
  for (let i = 0; i < n; i++) assert.equal(await boxes.nth(i).isChecked(), true);
  // A local preference that is not a whole number in range is refused, and the field shows
  // the value in effect.
  const lp = leaky.locator('.bgp-panel[data-asn="65010"] tr[data-neighbor="64600"] .bgp-lp');
  await lp.fill('-5');
  await lp.dispatchEvent('change');
  await leaky.getByText(/local preference must be a whole number from 0 to 4294967295/).waitFor();
  assert.equal(await lp.inputValue(), '');
  for (const p of [page, leaky]) {
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test('work on an exercise that moved to another lesson is shown where the exercise now is', async () => {
  const page = await openApp(browser, server.url, '#/lesson/bgp-multicloud-wan');
  const ex = page.locator('[data-exercise="interconnect-over-tunnel"]');
  await ex.waitFor();
  await ex.locator('.lab-check').click();
  await ex.locator('.lab-verdict').waitFor();
  // As a record from before the move holds it: under lesson 02, and passed.
  await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem('cloudhop.progress'));
    const entry = p.lessons['bgp-multicloud-wan'].exercises['interconnect-over-tunnel'];
    delete p.lessons['bgp-multicloud-wan'].exercises['interconnect-over-tunnel'];
    p.lessons['connecting-clouds'] = { ...p.lessons['bgp-multicloud-wan'], exercises: { 'interconnect-over-tunnel': { ...entry, passed: true } } };
    localStorage.setItem('cloudhop.progress', JSON.stringify(p));
  });
  await page.reload();
  await ex.waitFor();
  await ex.locator('.badge.passed').waitFor();
  assert.match(await ex.locator('.badge.passed').innerText(), /Goal met/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
