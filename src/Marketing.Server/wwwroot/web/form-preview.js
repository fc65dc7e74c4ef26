// The form designer's preview page (Capture/FormPreviewEndpoints.cs), in a sandbox without an origin: the designer
// (web/live-preview.js) sends the unsaved draft as the widget's definition, and the widget itself (widgets/form.js)
// runs again over it, as it ran over the saved one. Only messages from the page that frames this one count.
(() => {
  'use strict';
  let widget = document.querySelector('script[data-definition]');
  const data = document.getElementById('mkt-definition');
  const main = document.getElementById('preview');
  if (!widget || !data || !main) return;
  window.addEventListener('message', event => {
    if (event.source !== window.parent || event.origin !== location.origin) return;
    const definition = event.data && event.data.mktDraft;
    if (!definition || !Array.isArray(definition.fields)) return;
    data.textContent = JSON.stringify(definition);
    main.querySelectorAll('form').forEach(form => form.remove());
    const heading = main.querySelector('h1');
    if (heading) heading.textContent = definition.name;
    document.adoptedStyleSheets = [];
    const again = document.createElement('script');
    for (const attribute of widget.attributes) again.setAttribute(attribute.name, attribute.value);
    widget.replaceWith(again);
    widget = again;
  });
})();
