// Bench, not a test (node --test does not pick it up): the main thread's CPU time beside
// its wall time for opening each hostile link of hostile-links.test.mjs, a valid link and
// no link, in a lab that was opened once before (as the test does). The Long Tasks API
// counts wall time: on a machine whose cores are all busy a 30 ms task is often reported
// as 150-400 ms, so compare the CPU column across builds, not the wall one.
//   node tests/e2e/link-cpu.bench.mjs [case-prefix ...]      (dist/ must be built)
//   TWICE=1 node tests/e2e/link-cpu.bench.mjs ...            (the link opened once before too:
//                                                            what is left without the first-use
//                                                            compilation of the link's code)
import { serve, launch, openApp } from './harness.mjs';
const shareEncode = (text) => { let out=''; for (const b of new TextEncoder().encode(text)) { const c=String.fromCharCode(b); out += /[A-Za-z0-9\-_.~:,/[\]{}]/.test(c)?c:`%${b.toString(16).toUpperCase().padStart(2,'0')}`;} return out; };
const link = (lab, state) => shareEncode(JSON.stringify({ lab, v: 1, state }));
const range = (n, from = 0) => Array.from({ length: n }, (_, i) => i + from);
const mesh = () => link('latency', { sites: range(1000).map((i) => ({ name: `site ${i}`, lat: (i % 160) - 80, lon: ((i * 7) % 360) - 180 })) });
const CASES = [
  ['planner-hostile', 'lab/planner', () => link('planner', { networks: [{ name: 'all', blocks: ['::/0'] }, { name: 'hosts', blocks: range(1000).map((i) => `::${i.toString(16)}/128`) }] })],
  ['planner-nolink', 'lab/planner', null],
  ['bgp-12k', 'lab/bgp', () => link('bgp', { sc: { ases: range(12000, 1) } })],
  ['bgp-1MB', 'lab/bgp', () => link('bgp', { sc: { ases: range(150000, 1) } })],
  ['bgp-nolink', 'lab/bgp', null],
  ['nested', 'lab/planner', () => '['.repeat(50000) + ']'.repeat(50000)],
  ['latency-hostile', 'lab/latency', mesh],
  ['latency-nolink', 'lab/latency', null],
  ['embed-latency', 'embed/latency', mesh],
  ['failover-hostile', 'lab/failover', () => link('failover', { preset: '', a: { model: 'dns', request_rate_per_s: 1e9 } })],
  ['failover-valid', 'lab/failover', () => link('failover', { preset: '', a: { model: 'dns', request_rate_per_s: 1e3 } })],
  ['failover-nolink', 'lab/failover', null],
  ['dns-hostile', 'lab/dns', () => link('dns', { sc: { networks: range(1000).map((i) => ({ id: `n${i}`, kind: 'on_prem', cidr: `10.${i >> 8}.${i & 255}.0/24` })) }, client: '', name: 'a.example.com' })],
  ['dns-nolink', 'lab/dns', null],
];
const only = process.argv.slice(2);
const server = await serve(); const browser = await launch();
for (const [name, route, s] of CASES) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const page = await openApp(browser, server.url, `#/${route}`, { initScript: () => { window.__lt=[]; new PerformanceObserver((l)=>{for(const e of l.getEntries()) window.__lt.push({s:e.startTime,d:e.duration})}).observe({type:'longtask',buffered:true}); } });
  await page.waitForSelector('.lab');
  await page.evaluate(() => { location.hash = '#/progress'; });
  await page.waitForSelector('.progress-page');
  await page.waitForTimeout(300);
  if (process.env.TWICE && s) {
    await page.evaluate((h) => { location.hash = h; }, `#/${route}?s=${s()}`);
    await page.waitForSelector('.lab-notice', { timeout: 60000 });
    await page.waitForTimeout(500);
    await page.evaluate(() => { location.hash = '#/progress'; });
    await page.waitForSelector('.progress-page');
    await page.waitForTimeout(300);
  }
  const cdp = await page.context().newCDPSession(page);
  const chunks = [];
  cdp.on('Tracing.dataCollected', (e) => chunks.push(...e.value));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'disabled-by-default-v8.compile'] } });
  const hash = s ? `#/${route}?s=${s()}` : `#/${route}`;
  const t0 = await page.evaluate((h) => { const t = performance.now(); location.hash = h; return t; }, hash);
  await page.waitForSelector(s ? '.lab-notice, .lab' : '.lab', { timeout: 60000 });
  await page.evaluate(() => new Promise((ok) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(ok)), 500)));
  const lt = await page.evaluate((t0) => window.__lt.filter((t) => t.s + t.d >= t0).map((t) => Math.round(t.d)), t0);
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end'); await done;
  const mainTid = chunks.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
  const tasks = chunks.filter((e) => e.tid === mainTid && e.ph === 'X' && e.name === 'RunTask').sort((a, b) => b.tdur - a.tdur);
  const top = tasks.slice(0, 3).map((e) => `${(e.tdur / 1000).toFixed(1)}cpu/${(e.dur / 1000).toFixed(0)}wall`);
  console.log(`${name.padEnd(18)} longtasks ${JSON.stringify(lt)} top tasks by CPU: ${top.join(' ')}`);
  await page.context().close();
}
await browser.close(); await server.close();
