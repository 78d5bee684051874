// <cloudhop-lab>: one cloudhop lab in any page, no framework. Include it as a classic
// script from the cloudhop site and write the element:
//
//   <script src="https://labs.example.org/cloudhop-lab.js" defer></script>
//   <cloudhop-lab lab="bgp" state="…" theme="auto" height="auto"></cloudhop-lab>
//
// Attributes: lab (planner, bgp, latency, failover, …), state (a scenario's shareable text),
// theme (light | dark | auto), height (auto, or a CSS length), bg ("transparent"),
// exercise (an exercise id of that lab), sandbox (present: the frame gets
// sandbox="allow-scripts"), base (the cloudhop site; default: where this script came from).
// It creates the iframe (embed/<lab>/ with host = this page's origin), sizes it from the
// embed's cloudhop:resize messages, passes theme and state changes on as commands, and
// re-dispatches every cloudhop:* message from its own frame as a DOM event named
// cloudhop-<type> (cloudhop-ready, cloudhop-resize, cloudhop-state-changed,
// cloudhop-checked, cloudhop-state, cloudhop-error) with the message as `detail`.
// Methods: setState(text), reset(), setTheme(theme), getState() (a Promise of the text).
// A theme, a state or a getState() asked for before the embed is ready is carried out
// when it is (cloudhop:ready).
// Nothing happens until the element is in a document, so it is safe in pages rendered on
// a server or by a static generator. Protocol: docs/embed-protocol.md.
(() => {
  if (typeof window === 'undefined' || !window.customElements || customElements.get('cloudhop-lab')) return;
  const script = document.currentScript;
  const scriptBase = script && script.src ? new URL('.', script.src).href : null;
  const PROTOCOL = 1;

  class CloudhopLab extends HTMLElement {
    static get observedAttributes() { return ['theme', 'state', 'height']; }

    connectedCallback() {
      if (this.frame) return;
      const lab = (this.getAttribute('lab') || '').trim();
      if (!/^[a-z][a-z0-9-]*$/.test(lab)) {
        this.textContent = `cloudhop-lab: "${lab}" is not a lab name.`;
        return;
      }
      const base = new URL(this.getAttribute('base') || scriptBase || './', document.baseURI);
      const url = new URL(`embed/${lab}/`, base);
      const put = (k, v) => { if (v) url.searchParams.set(k, v); };
      put('theme', this.getAttribute('theme'));
      put('bg', this.getAttribute('bg'));
      put('exercise', this.getAttribute('exercise'));
      if (location.origin && location.origin !== 'null') put('host', location.origin);
      // The state goes into s= as a lab link carries it: a shareable text (already
      // URL-safe) as it is, anything else (raw JSON) percent-encoded once.
      const state = (this.getAttribute('state') || '').trim();
      if (state) {
        const text = /^[A-Za-z0-9\-_.~:,/[\]{}%]*$/.test(state) ? state : encodeURIComponent(state);
        url.search = `${url.search ? `${url.search}&` : '?'}s=${text}`;
      }
      this.embedOrigin = url.origin;
      // What the frame was opened with; a theme or state set before it is ready is sent
      // when it says it is ready (a message before that would be lost).
      this.ready = false;
      this.openedTheme = this.getAttribute('theme') || 'auto';
      this.wantTheme = this.openedTheme;
      this.pendingState = null;
      this.sandboxed = this.hasAttribute('sandbox');
      const frame = document.createElement('iframe');
      frame.src = url.href;
      frame.title = this.getAttribute('title') || `cloudhop ${lab} lab`;
      if (this.sandboxed) frame.setAttribute('sandbox', 'allow-scripts allow-popups');
      frame.setAttribute('allow', 'clipboard-write');
      const s = frame.style;
      s.display = 'block'; s.width = '100%'; s.border = '0'; s.colorScheme = 'normal';
      // Chromium's responsive iframes: the frame takes the height the embed asks for.
      s.setProperty('frame-sizing', 'content-height');
      this.frame = frame;
      this.applyHeight(null);
      this.applyColorScheme();
      this.onMessage = (e) => this.receive(e);
      window.addEventListener('message', this.onMessage);
      this.waiting = [];
      this.append(frame);
    }

    disconnectedCallback() {
      if (this.onMessage) window.removeEventListener('message', this.onMessage);
      if (this.frame) this.frame.remove();
      this.frame = null;
    }

    attributeChangedCallback(name, before, now) {
      if (!this.frame || before === now) return;
      if (name === 'theme') { this.applyColorScheme(); this.setTheme(now || 'auto'); }
      if (name === 'state' && now && now !== this.lastState) this.setState(now);
      if (name === 'height') this.applyHeight(this.lastHeight || null);
    }

    applyHeight(asked) {
      const h = (this.getAttribute('height') || 'auto').trim();
      if (h !== 'auto') { this.frame.style.height = h; return; }
      this.frame.style.height = asked ? `${asked}px` : '24rem';
    }

    // A transparent embed stays transparent only when its colour scheme is the page's.
    applyColorScheme() {
      const t = this.getAttribute('theme');
      this.frame.style.colorScheme = t === 'dark' ? 'dark' : t === 'light' ? 'light' : 'normal';
    }

    receive(e) {
      if (!this.frame || e.source !== this.frame.contentWindow) return;
      const fromEmbed = this.sandboxed ? e.origin === 'null' : e.origin === this.embedOrigin;
      const m = e.data;
      if (!fromEmbed || !m || typeof m !== 'object' || typeof m.type !== 'string' || !m.type.startsWith('cloudhop:')) return;
      if (m.type === 'cloudhop:ready' || m.type === 'cloudhop:resize') {
        this.lastHeight = m.height;
        this.applyHeight(m.height);
      }
      if (m.type === 'cloudhop:ready' && !this.ready) {
        this.ready = true;
        if (this.wantTheme !== this.openedTheme) this.setTheme(this.wantTheme);
        if (this.pendingState !== null) this.setState(this.pendingState);
        if (this.waiting.length) this.send({ type: 'cloudhop:get-state' });
      }
      if (m.type === 'cloudhop:state-changed' || m.type === 'cloudhop:state') this.lastState = m.state;
      if (m.type === 'cloudhop:state') this.waiting.splice(0).forEach((resolve) => resolve(m.state));
      this.dispatchEvent(new CustomEvent(`cloudhop-${m.type.slice(9)}`, { detail: m, bubbles: true, composed: true }));
    }

    send(message) {
      if (!this.frame || !this.frame.contentWindow) return;
      // A sandboxed frame has an opaque origin, which only '*' can address.
      this.frame.contentWindow.postMessage({ ...message, v: PROTOCOL }, this.sandboxed ? '*' : this.embedOrigin);
    }

    setState(state) {
      this.lastState = state;
      if (!this.ready) { this.pendingState = state; return; }
      this.pendingState = null;
      this.send({ type: 'cloudhop:set-state', state });
    }
    reset() { this.pendingState = null; this.send({ type: 'cloudhop:reset' }); }
    setTheme(theme) {
      this.wantTheme = theme;
      if (this.ready) this.send({ type: 'cloudhop:set-theme', theme });
    }
    getState() {
      return new Promise((resolve) => {
        this.waiting.push(resolve);
        if (this.ready) this.send({ type: 'cloudhop:get-state' });
      });
    }
  }

  customElements.define('cloudhop-lab', CloudhopLab);
})();
