// End-to-end test of the address planner in headless Chromium: overlaps with one-click
// fixes, instant parse errors, the split/join address-space bar (mouse and keyboard), the
// inspector, URL state, JSON import, and a planner exercise inside its lesson.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, useSite } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

async function openLab(hash = '#/lab/planner', options = {}) {
  const page = await openApp(browser, server.url, hash, options);
  await page.waitForSelector('.planner .planner-bar');
  return page;
}

const blocksField = (page, name) => page.getByLabel(`CIDR blocks of ${name}`, { exact: true });

test('sample plan: the overlap is explained and the one-click fix removes it', async () => {
  const page = await openLab();
  const problems = page.locator('.planner-checks');
  await assert.doesNotReject(problems.getByText('office (10.0.0.0/16) overlaps aws-prod (10.0.0.0/16)').waitFor());
  assert.match(await problems.innerText(), /both contain 10\.0\.0\.0\/16/);
  assert.ok(await page.locator('.planner-seg.conflict').count() >= 1, 'a conflict segment is drawn');
  await screenshot(page, 'planner-sample');
  const fix = problems.getByRole('button', { name: /Fix: move aws-prod to / });
  const label = await fix.innerText();
  const target = label.match(/to (\S+)$/)[1];
  await fix.click();
  await problems.getByText(/No overlaps and no rule violations/).waitFor();
  assert.equal(await blocksField(page, 'aws-prod').inputValue(), target);
  assert.equal(await page.locator('.planner-seg.conflict').count(), 0);
  // The URL holds the fixed plan.
  const hash = await page.evaluate(() => decodeURIComponent(location.hash));
  assert.ok(hash.startsWith('#/lab/planner?s='), hash);
  assert.ok(hash.includes(target), hash);
  await screenshot(page, 'planner-fixed');
  assert.deepEqual(page.problems, []);
});

test('typing gives instant feedback: host bits, provider limits, new overlaps', async () => {
  const page = await openLab();
  const field = blocksField(page, 'gcp-web');
  await field.fill('10.1.0.1/20');
  await page.getByText('did you mean 10.1.0.0/20?').first().waitFor();
  await field.fill('10.1.0.0/30');
  await page.getByText(/too small for a Google Cloud IPv4 subnet: the smallest allowed is \/29/).first().waitFor();
  await field.fill('10.2.5.0/24');
  // `a` is the network that comes first in the plan.
  await page.getByText('gcp-web (10.2.5.0/24) overlaps azure-hub (10.2.0.0/16)').waitFor();
  // Usable hosts per provider are shown for each network.
  await field.fill('10.9.0.0/24');
  await page.getByText('10.9.0.0/24: 252 usable').waitFor();
  assert.deepEqual(page.problems, []);
});

test('address-space bar: click splits, shift+click and J join, U uses a free block', async () => {
  const page = await openLab();
  const segs = page.locator('.planner-bar .planner-seg');
  const n0 = await segs.count();
  const free = page.locator('.planner-bar .planner-seg.free').first();
  const freeLabel = await free.innerText();
  await free.click();
  assert.equal(await segs.count(), n0 + 1, 'split into two halves');
  await page.locator('.planner-bar .planner-seg.free').first().click({ modifiers: ['Shift'] });
  assert.equal(await segs.count(), n0, 'joined back');
  // Keyboard: focus a free segment, split with Enter, join with J.
  const f = page.locator('.planner-bar .planner-seg.free').first();
  await f.focus();
  await page.keyboard.press('Enter');
  assert.equal(await segs.count(), n0 + 1);
  await page.locator('.planner-bar .planner-seg.free').first().focus();
  await page.keyboard.press('j');
  assert.equal(await segs.count(), n0);
  // Select a network, then give it a free block with U.
  await page.getByRole('button', { name: 'Select' }).nth(2).click();
  await page.locator('.planner-bar .planner-seg.free').first().focus();
  await page.keyboard.press('u');
  assert.match(await blocksField(page, 'gcp-web').inputValue(), new RegExp(freeLabel.replace(/[./]/g, '\\$&')));
  await screenshot(page, 'planner-bar');
  assert.deepEqual(page.problems, []);
});

test('inspector: bit view, facts and usable hosts per provider', async () => {
  const page = await openLab();
  const insp = page.locator('.planner-inspect');
  await insp.getByLabel('Prefix to inspect').fill('192.168.1.0/24');
  assert.equal(await insp.locator('.planner-bits .planner-bit.net').count(), 24);
  assert.equal(await insp.locator('.planner-bits .planner-bit.host').count(), 8);
  const text = await insp.innerText();
  assert.match(text, /192\.168\.1\.255/);
  assert.match(text, /Private-Use \(RFC 1918\)/);
  assert.match(text, /AWS\s+251/);
  assert.match(text, /Google Cloud\s+252/);
  assert.match(text, /On-premises\s+254/);
  await insp.getByLabel('Prefix to inspect').fill('2001:db8::/32');
  assert.equal(await insp.locator('.planner-bits .planner-bit.net').count(), 32);
  // Large counts are grouped in threes.
  assert.match(await insp.innerText(), /79,228,162,514,264,337,593,543,950,336/);
  await insp.getByLabel('Prefix to inspect').fill('10.0.0.0/33');
  await insp.getByText(/0 to 32/).waitFor();
  assert.deepEqual(page.problems, []);
});

test('shared links load the plan; a broken link falls back with a message; JSON import', async () => {
  const plan = { networks: [
    { name: 'vpc-a', provider: 'aws', kind: 'vpc', blocks: ['172.16.0.0/16'] },
    { name: 'vpc-b', provider: 'aws', kind: 'vpc', blocks: ['172.16.128.0/17'] },
  ] };
  const s = encodeURIComponent(JSON.stringify(plan));
  const page = await openLab(`#/lab/planner?s=${s}`);
  assert.equal(await page.locator('.planner-net').count(), 2);
  await page.getByText('vpc-a (172.16.0.0/16) overlaps vpc-b (172.16.128.0/17)').waitFor();

  const broken = await openLab('#/lab/planner?s=%7Bnot-json');
  await broken.getByText(/could not be read/).waitFor();
  assert.equal(await broken.locator('.planner-net').count(), 4);

  await broken.getByLabel('Plan JSON to import').fill(JSON.stringify(plan));
  await broken.getByRole('button', { name: 'Import' }).click();
  assert.equal(await broken.locator('.planner-net').count(), 2);
  await broken.getByLabel('Plan JSON to import').fill('{"networks": [{"name": "x", "cidr": "1"}]}');
  await broken.getByRole('button', { name: 'Import' }).click();
  // The field's name is shown as code, not between raw Markdown backticks.
  await broken.locator('.planner-notice', { hasText: /unknown field cidr/ }).waitFor();
  assert.equal(await broken.locator('.planner-notice code').first().innerText(), 'cidr');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(broken.problems, []);
});

test('dark theme renders', async () => {
  const page = await openLab('#/lab/planner', { colorScheme: 'dark' });
  await screenshot(page, 'planner-dark');
  assert.deepEqual(page.problems, []);
});

test('a planner exercise in its lesson: check fails, fix, check passes', async () => {
  const page = await openApp(browser, server.url, '#/lesson/address-planning');
  const goal = page.locator('.planner-goal').filter({ hasText: 'free /16 left for the Azure VNet' });
  await goal.waitFor({ timeout: 20000 });
  const lab = page.locator('.planner').filter({ has: goal });
  await goal.getByRole('button', { name: 'Check' }).click();
  await goal.locator('.planner-verdict.fail').waitFor();
  await lab.getByLabel('CIDR blocks of aws-prod', { exact: true }).fill('10.1.0.0/16');
  await goal.getByRole('button', { name: 'Check' }).click();
  assert.match(await goal.locator('.planner-verdict').innerText(), /no free \/16/);
  await lab.getByLabel('CIDR blocks of gcp-data', { exact: true }).fill('10.2.0.0/17');
  await goal.getByRole('button', { name: 'Check' }).click();
  await goal.locator('.planner-verdict.pass').waitFor();
  assert.match(await goal.locator('.planner-verdict').innerText(), /10\.3\.0\.0\/16/);
  // The fixed office network cannot be edited.
  assert.equal(await lab.getByLabel('CIDR blocks of office', { exact: true }).isDisabled(), true);
  await lab.scrollIntoViewIfNeeded();
  await screenshot(page, 'planner-exercise');
  assert.deepEqual(page.problems, []);
});
