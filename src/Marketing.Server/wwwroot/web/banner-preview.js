// The designer's preview page (Consent/BannerPreviewEndpoints.cs): runs before the real banner widget, in a sandbox
// without an origin. The widget asks for its configuration and gets the draft the page carries; its records are
// answered here and never sent (a preview records nothing); its cookie lives in memory, as the sandbox has no cookies.
(() => {
  'use strict';
  const draft = document.documentElement.getAttribute('data-mkt-preview');
  const json = (body, status) => Promise.resolve(new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
  window.fetch = input => {
    const path = new URL(typeof input === 'string' ? input : input.url, location.href).pathname;
    if (/\/consent\/records$/.test(path)) return json('{}', 201);
    if (/\/consent$/.test(path)) return json(draft, 200);
    return Promise.reject(new TypeError('no network in the banner preview'));
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
})();
