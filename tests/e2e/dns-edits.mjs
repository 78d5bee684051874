// The DNS lab's edit loop, shared by dns.test.mjs (what an edit does) and
// scripts/bench-interactions.mjs (how long it takes).

/**
 * In a DNS lab page, load the "ec2-to-ad" preset and toggle the VPN link's DNS box `n`
 * times, each time waiting for the redrawn trace; returns the lab's own `data-edit-ms` for
 * each edit, in order.
 */
export async function timeDnsEdits(page, n = 12) {
  await page.selectOption('.dns-preset', 'ec2-to-ad');
  const box = page.locator('.dns-card-links li[data-id="vpn"] input.dns-link-dns');
  const times = [];
  for (let i = 0; i < n; i++) {
    const before = Number(await page.locator('.dns-lab').getAttribute('data-traces'));
    await box.click();
    await page.waitForFunction((b) => Number(document.querySelector('.dns-lab').dataset.traces) > b, before);
    times.push(Number(await page.locator('.dns-lab').getAttribute('data-edit-ms')));
  }
  return times;
}
