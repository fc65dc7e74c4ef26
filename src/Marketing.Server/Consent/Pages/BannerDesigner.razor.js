// The designer's preview (Consent/Pages/BannerDesigner.razor): the framed widget needs script, so the frame stays
// hidden without it (the page links to the preview instead) and is shown here, also after an enhanced navigation; it
// follows what is typed in the texts and category forms (web/live-preview.js).
import '/web/live-preview.js';

function showPreview() {
  document.querySelectorAll('[data-banner-preview][hidden]').forEach(frame => frame.removeAttribute('hidden'));
}

showPreview();
window.Blazor?.addEventListener?.('enhancedload', showPreview);
