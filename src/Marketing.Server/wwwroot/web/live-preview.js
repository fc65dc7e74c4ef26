// Live previews of the designers (form, banner): as the marketer types in a form marked data-live-preview, its fields
// as they stand (unsaved) are posted to each preview frame's data-preview-draft address, which reads them as a save
// would and answers what the widget needs, without storing anything; the answer goes into the frame, whose own script
// runs the widget again over it. Without script, saving reloads the frames with the saved draft, as before.
const pause = 300;
let timer = 0;
let asked = 0;

async function refresh(form) {
  const ask = ++asked;
  const frames = document.querySelectorAll('iframe[data-preview-draft]');
  for (const frame of frames) {
    let response;
    try {
      response = await fetch(frame.dataset.previewDraft, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
    } catch {
      return;
    }
    // A later keystroke's answer wins; a refused one (a session that ended) leaves the preview as it was.
    if (ask !== asked || !response.ok) {
      return;
    }
    frame.mktDraft = await response.json();
    send(frame);
    if (!frame.mktFollowed) {
      // A frame loaded later (lazily, or again) shows the saved draft first: it gets what is typed once it is there.
      frame.mktFollowed = true;
      frame.addEventListener('load', () => send(frame));
    }
  }
  const status = document.querySelector('[data-preview-status]');
  if (status && status.textContent !== status.dataset.previewStatus) {
    status.textContent = status.dataset.previewStatus;
  }
}

// The frame is sandboxed without its origin (opaque): '*' is the only target it answers to. It only ever gets what
// this page's own fields hold, and its script accepts messages from this page alone.
function send(frame) {
  if (frame.mktDraft) {
    frame.contentWindow?.postMessage({ mktDraft: frame.mktDraft }, '*');
  }
}

function edited(event) {
  const form = event.target instanceof Element ? event.target.closest('form[data-live-preview]') : null;
  if (!form || !document.querySelector('iframe[data-preview-draft]')) {
    return;
  }
  clearTimeout(timer);
  timer = setTimeout(() => refresh(form), pause);
}

// Bound once per document: enhanced navigations replace the page's content, not the document.
if (!window.mktLivePreview) {
  window.mktLivePreview = true;
  document.addEventListener('input', edited);
}
