// The segment editor's live count: as the rules change, the form is posted (debounced) to the editor's count address,
// which counts it with the same use case as the API's preview-count; the answer fills the live region. Without script,
// the Count button does it.

const timers = new WeakMap();
const latest = new WeakMap();

function schedule(form) {
  clearTimeout(timers.get(form));
  timers.set(form, setTimeout(() => refresh(form), 400));
}

async function refresh(form) {
  const body = new URLSearchParams(new FormData(form));
  body.delete('_handler');
  body.delete('Action');
  const ticket = (latest.get(form) ?? 0) + 1;
  latest.set(form, ticket);
  let response;
  try {
    response = await fetch(form.dataset.segmentEditor, { method: 'POST', body, credentials: 'same-origin' });
  } catch {
    return;
  }
  // An older answer arriving late never overwrites a newer one.
  if (!response.ok || latest.get(form) !== ticket) {
    return;
  }
  const count = await response.json();
  const first = count.errors[0];
  const text = first ? `${count.text} ${first.message}` : count.text;
  form.querySelectorAll('[data-segment-count]').forEach((region) => {
    if (region.textContent !== text) {
      region.textContent = text;
    }
  });
}

for (const type of ['input', 'change']) {
  document.addEventListener(type, (event) => {
    const form = event.target instanceof Element ? event.target.closest('form[data-segment-editor]') : null;
    if (form) {
      schedule(form);
    }
  });
}
