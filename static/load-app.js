// Starts the WebAssembly app. Trunk would inline this loader into index.html; Trunk.toml's
// `pattern_script` emits `<script type="module" src="load-app.js" data-js=… data-wasm=…>`
// instead, so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
const tag = document.querySelector('script[data-cloudhop-js]');
const at = (name) => new URL(tag.getAttribute(name), document.baseURI).href;
const { default: init } = await import(at('data-cloudhop-js'));
const wasm = await init({ module_or_path: at('data-cloudhop-wasm') });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
