/* Cookie-consent banner: <script src="https://ENGINE/public/sites/acme/consent.js"></script> (with its configuration)
 * or <script src="https://ENGINE/widgets/consent.js" data-site="acme" async></script>.
 * Blocked content waits for consent; only the choice itself is ever stored (R22). No inline script or
 * style, no eval: the style is a constructable stylesheet, so a strict CSP is fine. */
(() => {
  'use strict';

  const script = document.currentScript;
  // ADR 12
  const preset = /*CONFIG*/null;
  const site = preset ? preset.siteId : script && script.getAttribute('data-site');
  if (!site) return;
  const engine = new URL(script.src).origin;
  const COOKIE = 'mkt_consent';
  const P = 'mkt-cc';
  const DAY = 864e5;
  const gpc = navigator.globalPrivacyControl === true;
  const CSS = `.${P}{box-sizing:border-box;position:fixed;inset:auto 0 1rem;margin:0 auto;width:calc(100% - 2rem);max-width:44rem;max-height:calc(100vh - 2rem);overflow:auto;padding:1.25rem 1.5rem;border:1px solid #4b5563;border-radius:.5rem;background:#fff;color:#1f2937;font:16px/1.5 system-ui,sans-serif}
.${P}::backdrop{background:#0003}.${P}:focus{outline:none}
.${P} h2{margin:0 2rem .5rem 0;font-size:1.2rem}.${P} p{margin:0 0 .75rem}.${P} a{color:#1d4ed8}
.${P} :focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.${P}-b{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
.${P}-b button{flex:1 1 0;min-width:10rem;padding:.6rem 1rem;border:2px solid #1f2937;border-radius:.375rem;background:#1f2937;color:#fff;font:inherit;font-weight:600}
.${P}-x{position:absolute;top:.5rem;right:.5rem;width:2.5rem;height:2.5rem;border:0;background:none;color:#1f2937;font-size:1.5rem}
.${P}-c{border-top:1px solid #d1d5db;padding:.75rem 0 0;margin:.75rem 0 0}.${P}-c ul{margin:0;padding:0 0 0 1.75rem;list-style:none}
.${P} label{font-weight:600}.${P} input{width:1.25rem;height:1.25rem;margin:0 .5rem 0 0;vertical-align:-.2rem;accent-color:#1d4ed8}
.${P}-n{font-size:.9rem;color:#374151}`;

  let cfg = preset, state, dialog, prefs, third, returnFocus;

  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const name in attrs) if (attrs[name] != null && attrs[name] !== false) node.setAttribute(name, attrs[name] === true ? '' : attrs[name]);
    if (text != null) node.textContent = text;
    return node;
  };
  const all = (selector, root) => Array.from((root || document).querySelectorAll(selector));
  const emit = (name, detail) => document.dispatchEvent(new CustomEvent(name, { detail }));
  const randomId = () => crypto.randomUUID ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => (b + 256).toString(16).slice(1)).join('');

  // {i: consent id, v: banner version, t: time, c: categories, s: services granted}
  function readCookie() {
    const pair = document.cookie.split('; ').find(c => c.indexOf(COOKIE + '=') === 0);
    try { return pair ? JSON.parse(decodeURIComponent(pair.slice(COOKIE.length + 1))) : null; } catch (e) { return null; }
  }

  function writeCookie() {
    // Written on a choice only, never refreshed by a visit (R26, R27).
    document.cookie = `${COOKIE}=${encodeURIComponent(JSON.stringify(state))}; Max-Age=${cfg.renewAfterDays * 86400}; Path=/; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  }

  const current = () => state && state.v === cfg.version && Date.now() - state.t < cfg.renewAfterDays * DAY;
  const granted = el => {
    const service = el.getAttribute('data-service');
    return !!state && (service ? state.s.includes(service) : state.c.includes(el.getAttribute('data-category')));
  };

  function activate() {
    if (!state) return;
    all('script[type="text/plain"][data-category]').filter(granted).forEach(old => {
      const s = el('script');
      for (const a of old.attributes) if (a.name !== 'type') s.setAttribute(a.name, a.value);
      if (old.getAttribute('data-type')) s.type = old.getAttribute('data-type');
      s.nonce = old.nonce;
      if (!old.src) s.text = old.text;
      old.replaceWith(s);
    });
    all('[data-src][data-category]').filter(granted).forEach(node => {
      node.src = node.getAttribute('data-src');
      node.removeAttribute('data-src');
    });
  }

  // Withdrawn: the named cookies go, also on parent domains (R26).
  function dropRefusedCookies() {
    const names = document.cookie.split('; ').map(c => c.split('=')[0]);
    const labels = location.hostname.split('.');
    const domains = [''].concat(labels.slice(0, -1).map((_, i) => '; Domain=' + labels.slice(i).join('.')));
    cfg.services.filter(s => !required().includes(s.category) && !(state && state.s.includes(s.key))).forEach(s => s.cookies.forEach(c => names.forEach(name => {
      if (c.name === name || (c.name.slice(-1) === '*' && name.indexOf(c.name.slice(0, -1)) === 0)) {
        domains.forEach(d => { document.cookie = `${name}=; Max-Age=0; Path=/${d}`; });
      }
    })));
  }

  function gtag() { (window.dataLayer = window.dataLayer || []).push(arguments); }

  function consentMode(command) {
    if (!cfg.googleConsentMode) return;
    const signals = {};
    cfg.categories.forEach(c => c.googleConsent.forEach(type => {
      signals[type] = c.required || (state && state.c.includes(c.key)) ? 'granted' : 'denied';
    }));
    gtag('consent', command, signals);
  }
  // Consent Mode's default before anything else.
  const early = preset || script.hasAttribute('data-consent-mode');
  if (preset) consentMode('default');
  else if (early) gtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' });

  function apply() {
    dropRefusedCookies();
    activate();
    if (current()) {
      consentMode('update');
      emit('mkt-consent', api.get());
    }
  }

  // Proof of each choice (R28); keepalive survives navigating away.
  function record(action, tries) {
    const on = list => Object.fromEntries(list.map(x => [x.key, x.required || (x.category ? state.s : state.c).includes(x.key)]));
    fetch(engine + cfg.recordUrl, {
      method: 'POST', credentials: 'omit', keepalive: true, headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        consentId: state.i, version: cfg.version, configHash: cfg.hash, action, categories: on(cfg.categories),
        services: on(cfg.services), pageUrl: location.href.slice(0, 2000), locale: cfg.locale, gpc
      })
    }).then(r => { if (r.status >= 500 && tries) throw r; }).catch(() => tries && setTimeout(() => record(action, tries - 1), 2000));
  }

  function choose(action, categories, services) {
    const before = current() ? state.c : [];
    state = { i: state ? state.i : randomId(), v: cfg.version, t: Date.now(), c: categories, s: services };
    writeCookie();
    record(action, 1);
    hide();
    apply();
    const changed = (a, b) => a.filter(k => !b.includes(k));
    emit('mkt-consent-change', { action, granted: changed(categories, before), revoked: changed(before, categories) });
  }

  const required = () => cfg.categories.filter(c => c.required).map(c => c.key);
  // Global Privacy Control refuses marketing, also on "Accept all".
  const acceptAll = () => {
    const c = cfg.categories.filter(x => !(gpc && x.marketing)).map(x => x.key);
    choose('accept_all', c, cfg.services.filter(s => c.includes(s.category)).map(s => s.key));
  };
  const rejectAll = (action) => choose(action, required(), cfg.services.filter(s => required().includes(s.category)).map(s => s.key));
  const save = () => choose('custom',
    required().concat(all('[data-c]:checked', prefs).map(i => i.getAttribute('data-c'))),
    all('[data-s]:checked', prefs).map(i => i.getAttribute('data-s')));

  function toggle(attrs, label, describedBy) {
    const row = el('div');
    const input = el('input', Object.assign({ type: 'checkbox', role: 'switch', 'aria-describedby': describedBy }, attrs));
    row.append(input, el('label', { for: input.id }, label));
    return row;
  }

  function render() {
    const t = cfg.texts;
    dialog = el('dialog', { class: P, lang: cfg.locale, 'aria-labelledby': `${P}-t`, 'aria-describedby': `${P}-d`, tabindex: -1 });
    const close = el('button', { type: 'button', class: `${P}-x`, 'aria-label': t.close }, '×');
    const body = el('p', { id: `${P}-d` }, t.body + ' ');
    if (cfg.privacyPolicyUrl) body.append(el('a', { href: cfg.privacyPolicyUrl }, t.privacy));
    prefs = el('div', { hidden: true });
    prefs.append(el('h3', {}, t.settingsTitle));
    cfg.categories.forEach(c => {
      const section = el('div', { class: `${P}-c` });
      const describe = `${P}-d-${c.key}`;
      // ADR 13
      const off = gpc && c.marketing;
      section.append(toggle({ 'data-c': c.required ? null : c.key, id: `${P}-c-${c.key}`, checked: c.required, disabled: c.required || off }, c.name, describe),
        el('p', { id: describe, class: `${P}-n` }, c.required ? `${c.description} (${t.alwaysOn})` : c.description));
      if (off) section.append(el('p', { class: `${P}-n` }, t.gpc));
      const list = el('ul');
      cfg.services.filter(s => s.category === c.key).forEach(s => {
        const item = el('li');
        const about = `${P}-d-s-${s.key}`;
        const cookies = s.cookies.map(k => `${k.name} (${k.lifetime})`).join(', ');
        item.append(toggle({ 'data-s': s.key, 'data-of': c.key, id: `${P}-s-${s.key}`, checked: c.required, disabled: c.required || off }, `${s.name} — ${t.provider}: ${s.provider}`, about),
          el('p', { id: about, class: `${P}-n` }, s.purpose));
        item.lastChild.append(el('br'), `${t.cookies}: ${cookies || '—'}`);
        list.append(item);
      });
      if (list.children.length) section.append(list);
      prefs.append(section);
    });
    prefs.addEventListener('change', e => {
      const key = e.target.getAttribute('data-c');
      if (key) all(`[data-of="${key}"]`, prefs).forEach(s => { s.checked = e.target.checked; });
      sync(e.target.getAttribute('data-of'));
    });
    // Three alike buttons on one level: refusing is as easy as accepting (R23).
    const buttons = el('div', { class: `${P}-b` });
    const reject = el('button', { type: 'button' }, t.rejectAll);
    const accept = el('button', { type: 'button' }, t.acceptAll);
    third = el('button', { type: 'button' });
    buttons.append(reject, accept, third);
    dialog.append(close, el('h2', { id: `${P}-t` }, t.title), body, prefs, buttons);
    reject.onclick = () => rejectAll('reject_all');
    accept.onclick = acceptAll;
    third.onclick = () => (prefs.hidden ? showPrefs() : save());
    close.onclick = dismiss;
    dialog.addEventListener('cancel', e => { e.preventDefault(); dismiss(); });
    dialog.addEventListener('keydown', trap);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
    document.body.append(dialog);
  }

  // × or Escape refuses (R23), unless reopened to look at a choice already made.
  const dismiss = () => (current() ? hide() : rejectAll('close'));

  function trap(e) {
    if (e.key !== 'Tab') return;
    const focusable = all('button,a[href],input:not([disabled])', dialog).filter(n => n.offsetParent);
    const first = focusable[0], last = focusable[focusable.length - 1];
    if (e.shiftKey ? document.activeElement === first || document.activeElement === dialog : document.activeElement === last) {
      (e.shiftKey ? last : first).focus();
      e.preventDefault();
    }
  }

  function sync(key) {
    const cat = key && prefs.querySelector(`[data-c="${key}"]`);
    if (!cat) return;
    const services = all(`[data-of="${key}"]`, prefs), on = services.filter(s => s.checked).length;
    cat.checked = on === services.length;
    cat.indeterminate = on > 0 && on < services.length;
  }

  function showPrefs() {
    prefs.hidden = false;
    third.textContent = cfg.texts.save;
    const on = current() ? state : { c: [], s: [] };
    all('[data-c]:not([disabled])', prefs).forEach(i => { i.checked = on.c.includes(i.getAttribute('data-c')); });
    all('[data-s]:not([disabled])', prefs).forEach(i => { i.checked = on.s.includes(i.getAttribute('data-s')); });
    cfg.categories.forEach(c => { if (cfg.services.some(s => s.category === c.key && on.s.includes(s.key))) sync(c.key); });
  }

  function show(withPrefs) {
    if (!dialog) render();
    prefs.hidden = true;
    third.textContent = cfg.texts.customise;
    if (withPrefs) showPrefs();
    if (dialog.open) return;
    returnFocus = document.activeElement;
    dialog.showModal();
    dialog.focus();
  }

  function hide() {
    if (!dialog || !dialog.open) return;
    dialog.close();
    if (returnFocus && returnFocus.focus) returnFocus.focus();
  }

  const api = window.MarketingConsent = {
    open: () => cfg && show(true),
    get: () => (cfg && current() ? { consentId: state.i, version: state.v, date: new Date(state.t), categories: state.c.slice(), services: state.s.slice() } : null),
    accepted: key => !!api.get() && (state.c.includes(key) || state.s.includes(key)),
  };

  document.addEventListener('click', e => {
    if (cfg && e.target.closest && e.target.closest('[data-consent-open]')) {
      e.preventDefault();
      show(true);
    }
  });

  const lang = document.documentElement.lang || navigator.language || '';
  const begin = config => {
      cfg = config;
      state = readCookie();
      if (state && !Array.isArray(state.c)) state = null;
      const no = k => !cfg.categories.some(c => c.marketing && (c.key === k || cfg.services.some(s => s.key === k && s.category === c.key)));
      if (gpc && state) { state.c = state.c.filter(no); state.s = state.s.filter(no); }
      if (!early) consentMode('default');
      const start = () => {
        // A choice too old or made on another version counts for nothing: ask again (R26).
        const asked = current();
        if (!asked && state) state = Object.assign({}, state, { c: [], s: [] });
        apply();
        if (!asked) show(false);
      };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
    };
  const want = preset && preset.locales.find(l => l !== preset.locale && (l === lang || l === lang.split('-')[0].toLowerCase()));
  if (preset && !want) begin(preset);
  else fetch(`${engine}/public/sites/${encodeURIComponent(site)}/consent?locale=${encodeURIComponent(want || lang)}`, { credentials: 'omit' })
    .then(r => { if (!r.ok) throw new Error(`consent banner for ${site}: ${r.status}`); return r.json(); })
    .then(begin);
})();
