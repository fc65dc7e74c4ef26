/*
 * Lead-capture form widget. One tag renders a published form:
 *   <script src="https://ENGINE/widgets/form.js" data-site="acme" data-form="newsletter" async></script>
 * or enhances a form of the page: <form data-marketing-form data-site="acme" data-form="newsletter">.
 * No cookies, no dependencies, no inline script or style: it runs under a strict Content-Security-Policy
 * (the theme is a constructable stylesheet; every rule is :where(), so any rule of the site wins).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) return;
  var engine = new URL(script.src).origin;
  var RETRIES = 3;
  var seq = 0;
  var W = ':where(.mkt-form)';
  var DARK = '--mkt-bg:#111827;--mkt-fg:#f3f4f6;--mkt-line:#6b7280;--mkt-accent:#93c5fd;--mkt-on-accent:#111827;--mkt-error:#fca5a5;color-scheme:dark';
  // The default theme: colour, radius and font are custom properties a site may set on .mkt-form.
  var CSS = W + '{--mkt-bg:#fff;--mkt-fg:#1f2937;--mkt-line:#6b7280;--mkt-accent:#1d4ed8;--mkt-on-accent:#fff;--mkt-error:#b91c1c;--mkt-radius:.5rem;--mkt-font:system-ui,sans-serif;' +
    'box-sizing:border-box;max-width:32rem;padding:1.5rem;border:1px solid var(--mkt-line);border-radius:var(--mkt-radius);background:var(--mkt-bg);color:var(--mkt-fg);font:16px/1.5 var(--mkt-font);color-scheme:light}' +
    ':where(.mkt-dark){' + DARK + '}@media(prefers-color-scheme:dark){:where(.mkt-auto){' + DARK + '}}' +
    ':where(.mkt-form *){box-sizing:border-box}:where(.mkt-field,.mkt-consent){margin:0 0 1rem}:where(.mkt-field>label){display:block;margin:0 0 .25rem;font-weight:600}' +
    ':where(.mkt-checkbox>label,.mkt-consent>label){display:inline;font-weight:400}' +
    ':where(.mkt-form input:not([type=checkbox]),.mkt-form select,.mkt-form textarea){display:block;width:100%;min-height:2.75rem;padding:.5rem .75rem;border:1px solid var(--mkt-line);border-radius:calc(var(--mkt-radius)*.75);background:var(--mkt-bg);color:inherit;font:inherit}' +
    ':where(.mkt-form textarea){min-height:6rem}:where(.mkt-form [type=checkbox]){width:1.25rem;height:1.25rem;margin:0 .5rem 0 0;vertical-align:-.2rem;accent-color:var(--mkt-accent)}' +
    ':where(.mkt-form :focus-visible){outline:3px solid var(--mkt-accent);outline-offset:2px}:where(.mkt-form [aria-invalid=true]){border-color:var(--mkt-error)}' +
    ':where(.mkt-error){margin:.25rem 0 0;color:var(--mkt-error);font-size:.9rem}:where(.mkt-privacy){margin:0 0 1rem;font-size:.9rem}:where(.mkt-form a){color:var(--mkt-accent)}' +
    ':where(.mkt-form button){min-height:2.75rem;padding:.6rem 1.5rem;border:0;border-radius:var(--mkt-radius);background:var(--mkt-accent);color:var(--mkt-on-accent);font:inherit;font-weight:600;cursor:pointer}' +
    ':where(.mkt-form button:disabled){opacity:.6}:where(.mkt-status){min-height:1.5rem;margin:.75rem 0 0}';
  var styled = false;

  function theme(form, def) {
    if (def.theme === 'none') return;
    form.classList.add('mkt-' + (def.theme || 'auto'));
    if (styled) return;
    styled = true;
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    if (text != null) node.textContent = text;
    return node;
  }

  function id(prefix) { return 'mkt-' + prefix + '-' + (++seq); }

  function newSubmissionId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  var AUTOCOMPLETE = { email: 'email', phone: 'tel', first_name: 'given-name', last_name: 'family-name', company: 'organization', country: 'country' };

  // A label, a control and a place for its error, tied together so screen readers read all three.
  function fieldBlock(field) {
    var inputId = id('f'), errorId = inputId + '-error';
    var wrap = el('div', { 'class': 'mkt-field mkt-' + field.type });
    var label = el('label', { 'for': inputId }, field.label);
    var control;
    if (field.type === 'textarea') control = el('textarea', {});
    else if (field.type === 'select') {
      control = el('select', {});
      control.appendChild(el('option', { value: '' }, ''));
      field.options.forEach(function (o) { control.appendChild(el('option', { value: o }, o)); });
    } else control = el('input', { type: { email: 'email', phone: 'tel', checkbox: 'checkbox' }[field.type] || 'text' });
    setAttrs(control, { id: inputId, name: field.name, required: field.required, maxlength: field.type === 'select' || field.type === 'checkbox' ? null : field.maxLength, autocomplete: AUTOCOMPLETE[field.name] || null, 'aria-describedby': errorId });
    if (field.type === 'checkbox') { wrap.appendChild(control); wrap.appendChild(label); } else { wrap.appendChild(label); wrap.appendChild(control); }
    wrap.appendChild(el('p', { id: errorId, 'class': 'mkt-error', hidden: true }));
    return wrap;
  }

  function setAttrs(node, attrs) {
    for (var name in attrs) if (attrs[name] != null && attrs[name] !== false) node.setAttribute(name, attrs[name] === true ? '' : attrs[name]);
  }

  // One unticked box per purpose, with the exact published wording beside it (R9, R10, R11).
  function consentBlock(def) {
    var group = el('div', { 'class': 'mkt-consents' });
    def.consents.forEach(function (c) {
      var boxId = id('c');
      var row = el('div', { 'class': 'mkt-consent' });
      row.appendChild(el('input', { type: 'checkbox', id: boxId, name: 'consent', value: c.purpose }));
      row.appendChild(el('label', { 'for': boxId }, c.text));
      group.appendChild(row);
    });
    var privacy = el('p', { 'class': 'mkt-privacy' });
    privacy.appendChild(el('a', { href: def.privacyNotice.url, target: '_blank', rel: 'noopener' }, def.texts.privacy));
    group.appendChild(privacy);
    return group;
  }

  // Kept off screen rather than hidden, so that bots fill it; people and screen readers never meet it.
  function honeypot(def) {
    var hpId = id('hp');
    var wrap = el('div', { 'aria-hidden': 'true', 'class': 'mkt-hp' });
    wrap.style.position = 'absolute';
    wrap.style.left = '-10000px';
    wrap.appendChild(el('label', { 'for': hpId }, def.texts.honeypot));
    wrap.appendChild(el('input', { id: hpId, name: def.honeypot, type: 'text', tabindex: '-1', autocomplete: 'off' }));
    return wrap;
  }

  function render(container, site, formId) {
    load(site, formId).then(function (def) {
      var form = el('form', { 'class': 'mkt-form', novalidate: true, action: engine + def.submitUrl, method: 'post' });
      def.fields.forEach(function (f) { form.appendChild(fieldBlock(f)); });
      form.appendChild(consentBlock(def));
      form.appendChild(honeypot(def));
      form.appendChild(el('button', { type: 'submit' }, def.texts.submit));
      form.appendChild(el('div', { 'class': 'mkt-status', role: 'status', 'aria-live': 'polite' }));
      theme(form, def);
      container.appendChild(form);
      attach(form, def);
    });
  }

  function enhance(form, site, formId) {
    load(site, formId).then(function (def) {
      Array.prototype.forEach.call(form.querySelectorAll('input[name=consent]'), function (box) {
        var row = box.closest('.mkt-consent') || box.parentNode;
        if (row && row !== form) row.remove(); else box.remove();
      });
      var block = consentBlock(def);
      var slot = form.querySelector('[data-marketing-consents]');
      if (slot) slot.appendChild(block); else form.insertBefore(block, form.querySelector('[type=submit]'));
      form.appendChild(honeypot(def));
      if (!form.querySelector('[role=status]')) form.appendChild(el('div', { 'class': 'mkt-status', role: 'status', 'aria-live': 'polite' }));
      form.setAttribute('novalidate', '');
      attach(form, def);
    });
  }

  function load(site, formId) {
    // The designer's preview hands the widget a draft as data in its own document (data-definition="element-id").
    var inline = script.getAttribute('data-definition');
    if (inline) return Promise.resolve(JSON.parse(document.getElementById(inline).textContent));
    var url = engine + '/public/sites/' + encodeURIComponent(site) + '/forms/' + encodeURIComponent(formId) + '?locale=' + encodeURIComponent(navigator.language || '');
    return fetch(url, { credentials: 'omit' }).then(function (r) {
      if (!r.ok) throw new Error('form ' + formId + ': ' + r.status);
      return r.json();
    });
  }

  function attach(form, def) {
    var submissionId = newSubmissionId();
    var status = form.querySelector('[role=status]');
    var button = form.querySelector('[type=submit]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors(form);
      var fields = {};
      def.fields.forEach(function (f) {
        var input = form.elements[f.name];
        if (input) fields[f.name] = input.type === 'checkbox' ? String(input.checked) : input.value;
      });
      var consents = Array.prototype.filter.call(form.querySelectorAll('input[name=consent]'), function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      var body = JSON.stringify({
        formVersion: def.version, submissionId: submissionId, token: def.token, fields: fields, consents: consents,
        honeypot: (form.elements[def.honeypot] || {}).value || '',
        context: { pageUrl: location.href, referrer: document.referrer || null, locale: def.locale, timeZone: zone() }
      });
      button.disabled = true;
      status.textContent = def.texts.sending;
      send(engine + def.submitUrl, body, RETRIES).then(function (r) {
        return r.json().then(function (payload) { return { ok: r.ok, payload: payload }; });
      }).then(function (result) {
        if (result.ok) {
          if (result.payload.redirectUrl) { location.assign(result.payload.redirectUrl); return; }
          form.reset();
          submissionId = newSubmissionId();
          status.textContent = result.payload.message || '';
        } else showErrors(form, def, result.payload.errors || {}, status);
      }, function () { status.textContent = def.texts.failed; }).then(function () { button.disabled = false; });
    });
  }

  // The same submission id on every try: a retry after a lost answer is recognised, never stored twice.
  function send(url, body, triesLeft) {
    return fetch(url, { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: body })
      .then(function (r) {
        if ((r.status >= 500 || r.status === 429) && triesLeft > 1) return later(triesLeft).then(function () { return send(url, body, triesLeft - 1); });
        return r;
      }, function (error) {
        if (triesLeft > 1) return later(triesLeft).then(function () { return send(url, body, triesLeft - 1); });
        throw error;
      });
  }

  function later(triesLeft) {
    return new Promise(function (resolve) { setTimeout(resolve, 400 * Math.pow(2, RETRIES - triesLeft)); });
  }

  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (n) { n.removeAttribute('aria-invalid'); });
    Array.prototype.forEach.call(form.querySelectorAll('.mkt-error'), function (n) { n.textContent = ''; n.hidden = true; });
  }

  function showErrors(form, def, errors, status) {
    var first = null;
    var general = [];
    Object.keys(errors).forEach(function (key) {
      var name = key.indexOf('fields.') === 0 ? key.slice(7) : null;
      var input = name && form.elements[name];
      if (!input || !input.getAttribute) { general.push(errors[key].join(' ')); return; }
      var errorId = input.getAttribute('aria-describedby');
      var message = errorId && document.getElementById(errorId);
      if (!message) {
        message = el('p', { id: id('e'), 'class': 'mkt-error' });
        input.insertAdjacentElement('afterend', message);
        input.setAttribute('aria-describedby', message.id);
      }
      input.setAttribute('aria-invalid', 'true');
      message.textContent = errors[key].join(' ');
      message.hidden = false;
      first = first || input;
    });
    // "Correct the highlighted fields" only when a field is highlighted; an anti-spam message stands alone.
    status.textContent = (first ? [def.texts.invalid] : []).concat(general).join(' ');
    if (first) first.focus();
  }

  var site = script.getAttribute('data-site');
  var formId = script.getAttribute('data-form');
  if (site && formId) {
    var target = script.getAttribute('data-target') && document.getElementById(script.getAttribute('data-target'));
    var container = target || el('div', { 'class': 'mkt-form-container' });
    // The form's room is kept from the start, so the page below does not move when it arrives.
    container.style.minHeight = script.getAttribute('data-min-height') || '30rem';
    if (!target) script.insertAdjacentElement('afterend', container);
    render(container, site, formId);
  }
  Array.prototype.forEach.call(document.querySelectorAll('form[data-marketing-form]'), function (form) {
    enhance(form, form.getAttribute('data-site') || site, form.getAttribute('data-form') || formId);
  });
})();
