// A file upload with a progress bar, for forms marked data-upload-progress: the same multipart post the form makes
// without script, sent with XMLHttpRequest (fetch reports no upload progress), then the page the server answers
// replaces this one's main content, as an enhanced post would. Without script the form posts and the page reloads.

function show(html) {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const main = document.querySelector('main');
  const nextMain = next.querySelector('main');
  if (!main || !nextMain) {
    document.open();
    document.write(html);
    document.close();
    return;
  }
  main.replaceChildren(...Array.from(nextMain.childNodes).map((node) => document.importNode(node, true)));
  document.title = next.title;
  (main.querySelector('[data-error-summary]') ?? main.querySelector('[data-import-report]'))?.setAttribute('tabindex', '-1');
  (main.querySelector('[data-error-summary]') ?? main.querySelector('[data-import-report]'))?.focus();
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-upload-progress')) {
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  const bar = form.querySelector('[data-upload-bar]');
  const request = new XMLHttpRequest();
  request.open('POST', form.action || window.location.href);
  request.responseType = 'text';
  if (bar) {
    bar.hidden = false;
    bar.value = 0;
    request.upload.addEventListener('progress', (progress) => {
      if (progress.lengthComputable) {
        bar.value = Math.round((progress.loaded / progress.total) * 100);
      }
    });
  }
  request.addEventListener('load', () => show(request.responseText));
  request.addEventListener('error', () => form.submit());
  request.send(new FormData(form));
}, true);
