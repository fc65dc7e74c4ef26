// The designer's preview page (Consent/BannerPreviewEndpoints.cs): runs before the real banner widget, in a sandbox
// without an origin. The widget asks for its configuration and gets the draft the page carries; its records are
// answered here and never sent (a preview records nothing); its cookie lives in memory, as the sandbox has no cookies.
// The widget itself is not changed: only what it reaches (network, cookies, focus) is the preview's. While the marketer
// types, the designer (web/live-preview.js) sends the unsaved configuration and the widget runs again over it.
(() => {
  'use strict';
  let draft = document.documentElement.getAttribute('data-mkt-preview');
  const json = (body, status) => Promise.resolve(new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
  window.fetch = input => {
    const path = new URL(typeof input === 'string' ? input : input.url, location.href).pathname;
    if (/\/consent\/records$/.test(path)) return json('{}', 201);
    if (/\/consent$/.test(path)) return json(draft, 200);
    return Promise.reject(new TypeError('no network in the banner preview'));
  };

  // A preview must not take the designer's focus (its error summary, the field being typed in): while the frame has
  // no focus, the banner opens without moving focus, as a modal dialog would; once the person is in the frame, as it does.
  const showModal = HTMLDialogElement.prototype.showModal;
  const focus = HTMLElement.prototype.focus;
  HTMLDialogElement.prototype.showModal = function () {
    if (document.hasFocus()) showModal.call(this); else this.setAttribute('open', '');
  };
  HTMLElement.prototype.focus = function (options) {
    if (document.hasFocus()) focus.call(this, options);
  };

  const jar = new Map();
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => Array.from(jar, ([name, value]) => `${name}=${value}`).join('; '),
    set: text => {
      const [pair, ...attributes] = String(text).split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some(a => /^\s*max-age=0\s*$/i.test(a));
      if (gone) jar.delete(name); else jar.set(name, pair.slice(at + 1));
    },
  });

  // What the widget binds to the document, so that a run over a newer draft replaces the last one instead of adding to it.
  const bound = [];
  const listen = document.addEventListener;
  document.addEventListener = function (type, listener, options) {
    bound.push([type, listener, options]);
    return listen.call(this, type, listener, options);
  };

  window.addEventListener('message', event => {
    if (event.source !== window.parent || event.origin !== location.origin) return;
    const config = event.data && event.data.mktDraft;
    const widget = document.querySelector('script[data-site]');
    if (!config || !Array.isArray(config.categories) || !widget) return;
    draft = JSON.stringify(config);
    for (const [type, listener, options] of bound.splice(0)) document.removeEventListener(type, listener, options);
    document.querySelectorAll('dialog').forEach(dialog => dialog.remove());
    document.adoptedStyleSheets = [];
    jar.clear();
    const again = document.createElement('script');
    for (const attribute of widget.attributes) again.setAttribute(attribute.name, attribute.value);
    widget.replaceWith(again);
  });
})();
