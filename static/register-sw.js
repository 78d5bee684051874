// Registers the service worker (static/sw.js). A file, not an inline script, so that the
// Content-Security-Policy in app/index.html needs no 'unsafe-inline' for scripts.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => navigator.serviceWorker.register('sw.js').catch(() => {}));
}
