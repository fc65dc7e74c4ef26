// The designer's preview (Consent/Pages/BannerDesigner.razor): the framed widget needs script, so the frame stays
// hidden without it (the page links to the preview instead) and is shown here, also after an enhanced navigation.
function showPreview() {
  document.querySelectorAll('[data-banner-preview][hidden]').forEach(frame => frame.removeAttribute('hidden'));
}

showPreview();
window.Blazor?.addEventListener?.('enhancedload', showPreview);
