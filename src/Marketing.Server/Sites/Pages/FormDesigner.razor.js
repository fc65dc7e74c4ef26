// The form designer's enhancements: after a structural edit (add, move, remove) the focus goes back where the keyboard
// user was (the server names the control in data-focus, unless the page shows errors, which app.js focuses); the embed
// snippets get a Copy button; the preview follows what is typed (web/live-preview.js). Without script, every action is
// a plain form post and the snippets can be selected.
import '/web/live-preview.js';

function restoreFocus() {
  if (document.querySelector('[data-error-summary]')) {
    return;
  }
  const id = document.querySelector('[data-focus]')?.dataset.focus;
  if (id) {
    document.getElementById(id)?.focus();
  }
}

function revealCopy() {
  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.hidden = !navigator.clipboard;
  });
}

function enhance() {
  restoreFocus();
  revealCopy();
}

document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) {
    return;
  }
  const snippet = document.getElementById(button.dataset.copy);
  const status = document.querySelector('[data-copied]');
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    if (status) {
      status.textContent = status.dataset.copied;
    }
  } catch {
    // Refused by the browser: the snippet stays there to select by hand.
  }
});

enhance();
window.Blazor?.addEventListener?.('enhancedload', enhance);
