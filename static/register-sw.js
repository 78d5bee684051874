// Registers the service worker (static/sw.js) and offers a new release when one is ready.
// A file, not an inline script, so that the Content-Security-Policy in app/index.html needs
// no 'unsafe-inline' for scripts.
//
// When a new release's worker has installed (every file of the release is cached) and waits
// behind the running one, a calm banner says so, with "Reload" (the new release, whole) and
// "Later" (keep working; the banner comes back on the next visit). Nothing reloads by
// itself: a learner's half-typed answer is never thrown away. The banner is plain DOM text
// styled by static/style.css (`.update-banner`), reachable with the keyboard and announced
// politely to screen readers.
//
// Inside a SCORM package (the launch address has `lms=`, see core::scorm::launch) no worker
// is registered: the LMS serves the package's files, and a worker would outlive the package.
const inPackage = new URLSearchParams(location.search).has('lms');
if ('serviceWorker' in navigator && location.protocol !== 'file:' && !inPackage) {
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The new release took over because the learner asked for it: load its page.
    if (reloading) location.reload();
  });

  const offer = (worker) => {
    if (!navigator.serviceWorker.controller || document.querySelector('.update-banner')) return;
    const banner = document.createElement('div');
    banner.className = 'update-banner';
    banner.setAttribute('role', 'status');
    banner.setAttribute('aria-live', 'polite');
    const text = document.createElement('p');
    text.textContent = 'A new version of cloudhop is ready. Your progress is kept.';
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'update-reload';
    reload.textContent = 'Reload';
    reload.addEventListener('click', () => {
      reloading = true;
      reload.disabled = true;
      worker.postMessage({ type: 'skip-waiting' });
    });
    const later = document.createElement('button');
    later.type = 'button';
    later.className = 'update-later';
    later.textContent = 'Later';
    later.addEventListener('click', () => banner.remove());
    banner.append(text, reload, later);
    document.body.append(banner);
  };

  // A worker still installing is offered once it has the whole release.
  const track = (worker) => {
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });
  };

  const watch = (reg) => {
    if (reg.waiting) offer(reg.waiting);
    track(reg.installing);
    reg.addEventListener('updatefound', () => track(reg.installing));
    // Hash routes are not navigations: look for a new release hourly in a long-open tab.
    setInterval(() => reg.update().catch(() => {}), 60 * 60 * 1000);
  };

  addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').then(watch).catch(() => {});
  });
}
