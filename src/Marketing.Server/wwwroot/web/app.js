// The app's own script: small, and only enhancing. After a page (or an enhanced navigation) shows a form's errors,
// focus moves to their summary, so that a screen reader reads it first (GOV.UK's error summary).
function focusErrors() {
  document.querySelector('[data-error-summary]')?.focus();
}

// Each section's module (custom behaviour bound by data attributes) is fetched by the first page of its section, so
// that a first visit downloads only what its page uses (the page's script budget is 50 KB); it then sets itself up
// again on each enhanced navigation. The bench (bench/Marketing.Bench/WebBenchmark.cs) reads this table.
const sectionModules = [
  ['/account', '/Access/Pages/PasskeyFields.razor.js'],
  ['/suppression', '/Suppression/Pages/Suppression.razor.js'],
  ['/sites', '/Sites/Pages/FormDesigner.razor.js'],
  ['/sequences', '/Nurture/Pages/SequenceBuilder.razor.js'],
  ['/templates', '/Templates/Pages/TemplateEditor.razor.js'],
  ['/banners', '/Consent/Pages/BannerDesigner.razor.js'],
  ['/people/imports', '/Leads/Pages/ImportBatchPage.razor.js'],
  ['/people/segments', '/Segments/Pages/SegmentEditor.razor.js'],
];

function loadSectionModules() {
  const path = location.pathname;
  for (const [section, module] of sectionModules) {
    if (path === section || path.startsWith(`${section}/`)) {
      import(module);
    }
  }
}

focusErrors();
loadSectionModules();
window.Blazor?.addEventListener?.('enhancedload', () => {
  focusErrors();
  loadSectionModules();
});
