// The host page of tests/e2e/embed.test.mjs, served from another origin than the labs:
// a docs-like page that embeds one lab in one of three ways (?mode=iframe | sandboxed |
// element), with ?site=<the cloudhop site> and ?named=<the origin given as host=>. It
// keeps every message it receives in window.received, sizes a plain iframe the way
// Embedly's resizer does (its dialect only), a sandboxed one from cloudhop:resize, and
// lets the test switch the page's theme (window.setHostTheme) and send commands.
const q = new URLSearchParams(location.search);
const lab = q.get('lab');
const mode = q.get('mode') || 'iframe';
const site = q.get('site');
const named = q.get('named') || location.origin;
const exercise = q.get('exercise');
window.received = [];
window.domEvents = [];

const slot = document.getElementById('slot');
let frame;
if (mode === 'element') {
  const el = document.createElement('cloudhop-lab');
  el.setAttribute('lab', lab);
  el.setAttribute('theme', q.get('theme') || 'light');
  el.setAttribute('height', 'auto');
  if (exercise) el.setAttribute('exercise', exercise);
  if (q.get('sandbox')) el.setAttribute('sandbox', '');
  for (const t of ['ready', 'resize', 'state-changed', 'checked', 'state', 'error']) {
    el.addEventListener(`cloudhop-${t}`, (e) => window.domEvents.push({ name: e.type, detail: e.detail }));
  }
  slot.append(el);
  window.embedFrame = () => el.querySelector('iframe');
  window.command = (m) => {
    if (m.type === 'cloudhop:set-theme') el.setAttribute('theme', m.theme);
    else if (m.type === 'cloudhop:set-state') el.setState(m.state);
    else if (m.type === 'cloudhop:reset') el.reset();
    else if (m.type === 'cloudhop:get-state') el.getState();
  };
} else {
  const url = new URL(`embed/${lab}/`, site);
  url.searchParams.set('host', named);
  url.searchParams.set('theme', q.get('theme') || 'light');
  if (exercise) url.searchParams.set('exercise', exercise);
  frame = document.createElement('iframe');
  frame.src = url.href;
  frame.title = `cloudhop ${lab} lab`;
  frame.height = '300';
  if (mode === 'sandboxed') frame.setAttribute('sandbox', 'allow-scripts');
  slot.append(frame);
  window.embedFrame = () => frame;
  const target = mode === 'sandboxed' ? '*' : new URL(site).origin;
  window.command = (m) => frame.contentWindow.postMessage({ v: 1, ...m }, target);
}

addEventListener('message', (e) => {
  window.received.push({ origin: e.origin, data: e.data, fromFrame: e.source === window.embedFrame()?.contentWindow });
  if (mode === 'element') return;
  // Embedly's resizer: a JSON string naming the frame by its src.
  if (mode === 'iframe' && typeof e.data === 'string') {
    try {
      const m = JSON.parse(e.data);
      if (m.context === 'iframe.resize') {
        const f = [...document.querySelectorAll('iframe')].find((x) => x.src === m.src);
        if (f) f.height = String(m.height);
      }
    } catch { /* not JSON: not Embedly's */ }
  }
  if (mode === 'sandboxed' && e.source === frame.contentWindow && e.data && (e.data.type === 'cloudhop:ready' || e.data.type === 'cloudhop:resize')) {
    frame.height = String(e.data.height);
  }
});

window.setHostTheme = (t) => {
  document.documentElement.dataset.theme = t;
  window.command({ type: 'cloudhop:set-theme', theme: t });
};
document.documentElement.dataset.theme = q.get('theme') || 'light';
