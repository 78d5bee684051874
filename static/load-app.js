// Starts the WebAssembly app. Trunk would inline this loader into index.html; Trunk.toml's
// `pattern_script` emits `<script type="module" src="load-app.js" data-js=… data-wasm=…>`
// instead, so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
//
// A link given out before labs had their own bundles (`#/embed/<lab>?s=…`) goes to the
// lab's embed (`embed/<lab>/?s=…`) before the course's wasm is fetched. While the wasm
// loads, the page shows what its HTML holds (a title and a progress bar); if it cannot
// load, that block says so.
const old = /^#\/embed\/([a-z][a-z0-9-]*)\/?(?:\?(.*))?$/.exec(location.hash);
if (old && document.documentElement.dataset.page === 'course') {
  location.replace(new URL(`embed/${old[1]}/${old[2] ? `?${old[2]}` : ''}`, document.baseURI).href);
} else {
  const tag = document.querySelector('script[data-cloudhop-js]');
  const at = (name) => new URL(tag.getAttribute(name), document.baseURI).href;
  try {
    const { default: init } = await import(at('data-cloudhop-js'));
    const wasm = await init({ module_or_path: at('data-cloudhop-wasm') });
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (e) {
    const box = document.querySelector('.embed-loading, .app-loading');
    if (box) {
      box.classList.add('failed');
      const p = document.createElement('p');
      p.textContent = `This page could not start (${e && e.message ? e.message : e}). Reload to try again.`;
      box.append(p);
    }
    throw e;
  }
}
