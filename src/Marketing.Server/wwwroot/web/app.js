// The app's own script: small, and only enhancing. After a page (or an enhanced navigation) shows a form's errors,
// focus moves to their summary, so that a screen reader reads it first (GOV.UK's error summary).
function focusErrors() {
  document.querySelector('[data-error-summary]')?.focus();
}

focusErrors();
window.Blazor?.addEventListener?.('enhancedload', focusErrors);
