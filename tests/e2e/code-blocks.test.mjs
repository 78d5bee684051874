// Lesson code blocks (issue 11, point 6): the text in <pre><code> exactly as the lesson
// wrote it, a Copy button that puts that text on the clipboard and says "Copied", a clear
// message when the clipboard is refused or missing, diagrams as captioned pictures, and on
// a phone the block scrolls sideways while the page does not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, useSite, exportedCourse } from './harness.mjs';

let server;
let browser;
useSite((s, b) => {
  server = s;
  browser = b;
});

/** The code blocks of a lesson in the exported course, in order. */
function codeBlocks(course, lessonId) {
  const lesson = course.lessons.find((l) => l.id === lessonId);
  return lesson.sections.flatMap((s) => s.blocks).filter((b) => b.Code).map((b) => b.Code);
}

const course = exportedCourse();

test('a WireGuard block shows its exact text and Copy puts it on the clipboard', async () => {
  const [block] = codeBlocks(course, 'vpn-protocols').filter((c) => c.language === 'wireguard');
  assert.ok(block, 'lesson 08 has a ```wireguard block');
  const page = await openApp(browser, server.url, '#/lesson/vpn-protocols');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(server.url).origin,
  });
  const figure = page.locator('figure.code-block.lang-wireguard');
  assert.equal(await figure.count(), 1);
  assert.equal(await figure.locator('pre > code').textContent(), block.text);
  assert.equal(await figure.locator('.code-lang').textContent(), 'WireGuard configuration');
  // Nothing in the block became markup.
  assert.equal(await figure.locator('pre code *').count(), 0);
  const copy = figure.getByRole('button', { name: 'Copy WireGuard configuration' });
  assert.equal(await copy.textContent(), 'Copy');
  await copy.click();
  await figure.locator('[role="status"]', { hasText: 'Copied' }).waitFor();
  const pasted = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(pasted, block.text);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a refused or missing clipboard gets a message, not a crash', async () => {
  const page = await openApp(browser, server.url, '#/lesson/hybrid-dns');
  const figure = page.locator('figure.code-block.lang-sh').first();
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await figure.getByRole('button', { name: /^Copy/ }).click();
  await figure.locator('[role="status"]', { hasText: 'refused access to the clipboard' }).waitFor();
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await figure.getByRole('button', { name: /^Copy/ }).click();
  await figure.locator('[role="status"]', { hasText: 'no clipboard here' }).waitFor();
  // The page still works: another block's button still answers.
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a diagram is a captioned picture without a Copy button, and a phone scrolls the code, not the page', async () => {
  const [diagram] = codeBlocks(course, 'bgp-multicloud-wan').filter((c) => c.language === 'diagram');
  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    const page = await openApp(browser, server.url, '#/lesson/bgp-multicloud-wan', { viewport });
    const fig = page.locator('figure.code-block.diagram');
    assert.equal(await fig.count(), 1);
    const pre = fig.locator('pre');
    assert.equal(await pre.getAttribute('role'), 'img');
    assert.equal(await pre.getAttribute('aria-label'), diagram.caption);
    assert.equal(await pre.locator('code').textContent(), diagram.text);
    assert.equal(await fig.locator('figcaption').textContent(), diagram.caption);
    assert.equal(await fig.getByRole('button').count(), 0);
    // The diagram fits without scrolling; the FRR block may scroll inside itself.
    const fits = await pre.evaluate((e) => e.scrollWidth <= e.clientWidth);
    assert.ok(fits, `${name}: the diagram needs no sideways scrolling`);
    const page_overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(page_overflow, 0, `${name}: the page itself scrolls sideways`);
    const frr = page.locator('figure.code-block.lang-frr pre');
    assert.equal(await frr.getAttribute('tabindex'), '0', 'a scrollable block is reachable by keyboard');
    await fig.scrollIntoViewIfNeeded();
    await screenshot(page, `show-${name}-diagram`, { viewportOnly: true });
    await page.locator('figure.code-block.lang-frr').scrollIntoViewIfNeeded();
    await screenshot(page, `show-${name}-frr`, { viewportOnly: true });
    await screenshot(page, `code-blocks-${name}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
