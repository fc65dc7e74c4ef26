// An import batch's progress while it runs: the page's status route is read every two seconds and the progress bar,
// the counts and the live sentence follow it; once complete the page is read again for its refused lines. Without
// script the page shows the counts at the time and a Refresh link.

const timers = new WeakMap();

async function poll(section) {
  let response;
  try {
    response = await fetch(section.dataset.importProgress, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    schedule(section);
    return;
  }
  if (!response.ok || !section.isConnected) {
    return;
  }
  const status = await response.json();
  const bar = section.querySelector('[data-import-bar]');
  if (bar) {
    bar.max = status.max;
    bar.value = status.value;
    bar.textContent = status.text;
  }
  const text = section.querySelector('[data-import-text]');
  if (text && text.textContent !== status.text) {
    text.textContent = status.text;
  }
  const name = section.querySelector('[data-import-status]');
  if (name) {
    name.textContent = status.statusName;
  }
  section.querySelectorAll('[data-import-count]').forEach((cell) => {
    const value = status[cell.dataset.importCount];
    if (typeof value === 'number') {
      cell.textContent = value.toLocaleString(document.documentElement.lang);
    }
  });
  if (status.completed) {
    // The refused lines and the final state are the page's: read it once more.
    window.location.reload();
    return;
  }
  schedule(section);
}

function schedule(section) {
  clearTimeout(timers.get(section));
  timers.set(section, setTimeout(() => poll(section), 2000));
}

function start() {
  document.querySelectorAll('[data-import-progress]').forEach((section) => {
    if (section.dataset.importCompleted === 'true' || timers.has(section)) {
      return;
    }
    section.querySelector('[data-import-refresh]')?.setAttribute('hidden', '');
    schedule(section);
  });
}

start();
window.Blazor?.addEventListener?.('enhancedload', start);
