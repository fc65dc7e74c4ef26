// The template editor's live preview: as the person types, the draft is posted (debounced) to the page's own preview
// address, which renders it as a send would; the answer fills the preview (subject, text, SMS segments), each parse
// error on its field, and points the frame at the rendered email. Without script, the Preview button does it.

const timers = new WeakMap();
const latest = new WeakMap();

function schedule(form) {
  clearTimeout(timers.get(form));
  timers.set(form, setTimeout(() => refresh(form), 400));
}

function fill(selector, text) {
  document.querySelectorAll(selector).forEach((element) => { element.textContent = text ?? ''; });
}

async function refresh(form) {
  const body = new URLSearchParams(new FormData(form));
  body.delete('_handler');
  body.delete('Input.Action');
  const ticket = (latest.get(form) ?? 0) + 1;
  latest.set(form, ticket);
  let response;
  try {
    response = await fetch(form.dataset.templateEditor, { method: 'POST', body, credentials: 'same-origin' });
  } catch {
    return;
  }
  // An older answer arriving late never overwrites a newer one.
  if (!response.ok || latest.get(form) !== ticket) {
    return;
  }
  const preview = await response.json();
  fill('[data-preview-status]', preview.status);
  fill('[data-preview-subject]', preview.subject);
  fill('[data-preview-text]', preview.text);
  fill('[data-preview-sms]', preview.sms);
  fill('[data-preview-frame-note]', preview.frameNote);
  const frame = document.querySelector('[data-preview-frame]');
  if (frame) {
    if (preview.frame) {
      if (frame.getAttribute('src') !== preview.frame) {
        frame.setAttribute('src', preview.frame);
      }
      frame.hidden = false;
    } else {
      frame.hidden = true;
    }
  }
  form.querySelectorAll('[data-live-error]').forEach((slot) => {
    const field = slot.dataset.liveError;
    const error = preview.errors.find((e) => e.field === field);
    slot.textContent = error ? error.message : '';
    const input = document.getElementById(field);
    const saved = input?.closest('.field')?.querySelector(':scope > .field__error:not(.field__live)');
    if (error || saved) {
      input?.setAttribute('aria-invalid', 'true');
    } else {
      input?.removeAttribute('aria-invalid');
    }
  });
}

document.addEventListener('input', (event) => {
  const form = event.target instanceof Element ? event.target.closest('form[data-template-editor]') : null;
  if (form) {
    schedule(form);
  }
});
