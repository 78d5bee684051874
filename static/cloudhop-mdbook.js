// The labs of an mdBook book follow the book's theme. mdbook-cloudhop loads this script
// (deferred, before cloudhop-lab.js) in each chapter with a lab. mdBook keeps its theme as
// a class on <html> (light, rust, coal, navy, ayu); every <cloudhop-lab
// data-theme-from="mdbook"> gets theme="light" or theme="dark" from it, now (before the
// element opens its frame, so the lab opens in the right colours) and whenever the reader
// picks another theme (the element then sends cloudhop:set-theme). Nothing inline, no
// request; does nothing outside a browser.
(() => {
  if (typeof document === 'undefined') return;
  const DARK = ['coal', 'navy', 'ayu'];
  const LIGHT = ['light', 'rust'];
  const root = document.documentElement;
  const bookTheme = () => {
    if (DARK.some((t) => root.classList.contains(t))) return 'dark';
    if (LIGHT.some((t) => root.classList.contains(t))) return 'light';
    return 'auto';
  };
  const apply = () => {
    const theme = bookTheme();
    for (const el of document.querySelectorAll('cloudhop-lab[data-theme-from="mdbook"]')) {
      if (el.getAttribute('theme') !== theme) el.setAttribute('theme', theme);
    }
  };
  apply();
  new MutationObserver(apply).observe(root, { attributes: true, attributeFilter: ['class'] });
})();
