// Accessibility: axe-core (WCAG 2 A and AA rules) on every kind of page in light and dark
// colour schemes, and lesson 1's quiz taken with the keyboard alone. axe is injected from
// node_modules as an inline script, so no request leaves the test server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { openApp, useSite } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** Answer lesson 1's first quiz item (and show its answer) so verdict and explanation render. */
async function answerFirstItem(page) {
  const item = page.locator('.quiz-item').first();
  await item.locator('input').first().check();
  await item.getByRole('button', { name: 'Check answer' }).click();
  await item.locator('.verdict').waitFor();
  if (await item.getByRole('button', { name: 'Show answer' }).count()) {
    await item.getByRole('button', { name: 'Show answer' }).click();
  }
  await item.locator('.explanation').waitFor();
}

const PAGES = [
  { name: 'course map', hash: '#/', ready: '.lesson-card' },
  { name: 'lesson 1 with an answered item', hash: '#/lesson/multicloud-vs-hybrid', ready: '.quiz-item', act: answerFirstItem },
  { name: 'lesson 8 with a WireGuard block copied', hash: '#/lesson/vpn-protocols', ready: 'figure.code-block.lang-wireguard',
    act: async (page) => {
      await page.locator('figure.code-block.lang-wireguard .copy').click();
      await page.locator('figure.code-block.lang-wireguard [role="status"]:not(:empty)').waitFor();
    } },
  { name: 'lesson 9 with a diagram', hash: '#/lesson/mesh-vs-hub', ready: 'figure.code-block.diagram' },
  { name: 'glossary', hash: '#/glossary', ready: 'main h1' },
  { name: 'progress', hash: '#/progress', ready: 'main h1' },
  { name: 'planner lab', hash: '#/lab/planner', ready: '.planner .planner-bar' },
  { name: 'BGP lab', hash: '#/lab/bgp', ready: '.bgp-graph' },
  { name: 'latency lab', hash: '#/lab/latency', ready: '.latency-lab .latency-map svg' },
  { name: 'failover lab', hash: '#/lab/failover', ready: '.failover-lab svg.failover-timeline' },
  { name: 'DNS lab, a failing query with its diagnosis', hash: '#/lab/dns', ready: '.dns-lab svg.dns-diagram',
    act: async (page) => {
      await page.selectOption('.dns-preset', 'onprem-to-phz');
      await page.locator('.dns-diagnosis').waitFor();
      await page.locator('.dns-show-diagnosed').click();
    } },
  { name: 'DNS lab exercise in lesson 5', hash: '#/lesson/hybrid-dns', ready: '[data-exercise="dns-ec2-to-ad"] .dns-lab svg.dns-diagram' },
  { name: 'a lab exercise checked (goal box and verdict)', hash: '#/lesson/failover', ready: '[data-exercise="dns-under-a-minute"] .lab-goal',
    act: async (page) => {
      await page.locator('[data-exercise="dns-under-a-minute"] .lab-check').click();
      await page.locator('[data-exercise="dns-under-a-minute"] .lab-verdict').waitFor();
    } },
  { name: 'a lab link that could not be read', hash: '#/lab/bgp?s=garbage', ready: '.lab-notice' },
];

/** Run axe on the page; returns the violations as plain objects. */
async function axe(page) {
  // Evaluated by the test driver, not added as an inline <script>: the page's
  // Content-Security-Policy refuses inline scripts (and the harness would record that).
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 3).join(' '),
    }));
  });
}

function describe(violations) {
  return violations
    .map((v) => `  ${v.id} (${v.impact}, ${v.count} elements): ${v.help}\n    at ${v.targets.join(' | ')}\n    ${v.summary || ''}`)
    .join('\n');
}

for (const colorScheme of ['light', 'dark']) {
  for (const p of PAGES) {
    test(`axe: ${p.name} (${colorScheme}) has no serious or critical violations`, async () => {
      const page = await openApp(browser, server.url, p.hash, { colorScheme });
      await page.waitForSelector(p.ready);
      if (p.act) await p.act(page);
      const violations = await axe(page);
      if (violations.length) console.log(`${p.name} (${colorScheme}):\n${describe(violations)}`);
      const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.equal(blocking.length, 0, `axe violations on ${p.hash} (${colorScheme}):\n${describe(blocking)}`);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
}

test('keyboard: lesson 1 quiz item answered with Tab, arrow keys, Space and Enter', async () => {
  const page = await openApp(browser, server.url, '#/lesson/multicloud-vs-hybrid');
  const item = page.locator('.quiz-item').first();
  await item.waitFor();
  const itemId = await item.getAttribute('data-item');

  /** Press Tab until `selector` inside the first item has focus (at most `limit` presses). */
  async function tabTo(selector, limit = 200) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const hit = await page.evaluate(
        ([id, sel]) => document.activeElement?.matches(`[data-item="${id}"] ${sel}`) ?? false,
        [itemId, selector],
      );
      if (hit) return;
    }
    assert.fail(`Tab never reached ${selector} in item ${itemId}`);
  }

  const focusedType = () => page.evaluate(() => document.activeElement?.getAttribute('type'));
  await tabTo('input');
  const type = await focusedType();
  if (type === 'radio') {
    // Arrow keys move and choose within a radio group; Space chooses the focused one.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
  } else {
    await page.keyboard.press('Space');
  }
  assert.equal(await item.locator('input:checked').count(), 1, 'one option chosen with the keyboard');

  await tabTo('button[type="submit"]');
  assert.equal((await page.evaluate(() => document.activeElement.textContent)).trim(), 'Check answer');
  await page.keyboard.press('Enter');
  await item.locator('.verdict').waitFor();
  assert.match(await item.locator('.verdict').innerText(), /Correct|Partly right|Not quite/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
