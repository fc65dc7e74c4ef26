// The sequence builder's enhancements. Every change is still a form post (Move up / Move down work without script);
// this module only (1) puts the focus back on the card a post changed, and (2) lets a card be dragged to a new place,
// which submits that card's move form with the position it was dropped at and announces it in the live region.

function focusChangedCard() {
  if (document.querySelector('[data-error-summary]')) {
    return;
  }
  document.querySelector('[data-focus-after-post]')?.focus();
}

function bindDrag() {
  const flow = document.querySelector('[data-flow]');
  if (!flow || flow.dataset.dragBound) {
    return;
  }
  flow.dataset.dragBound = 'true';
  const status = document.querySelector('[data-flow-status]');
  let dragged = null;
  flow.querySelectorAll('li[data-step-index]').forEach((card) => {
    if (!card.querySelector('[data-move-form]')) {
      return;
    }
    card.draggable = true;
    card.addEventListener('dragstart', (event) => {
      dragged = card;
      event.dataTransfer.effectAllowed = 'move';
      card.classList.add('step-card--dragging');
    });
    card.addEventListener('dragend', () => card.classList.remove('step-card--dragging'));
    card.addEventListener('dragover', (event) => {
      if (dragged && dragged !== card) {
        event.preventDefault();
      }
    });
    card.addEventListener('drop', (event) => {
      event.preventDefault();
      if (!dragged || dragged === card) {
        return;
      }
      const form = dragged.querySelector('[data-move-form]');
      const to = document.createElement('input');
      to.type = 'hidden';
      to.name = 'To';
      to.value = card.dataset.stepIndex;
      form.append(to);
      if (status) {
        status.textContent = `${dragged.querySelector('h3')?.textContent ?? ''} → ${Number(card.dataset.stepIndex) + 1}`;
      }
      dragged = null;
      form.requestSubmit();
    });
  });
}

function enhance() {
  focusChangedCard();
  bindDrag();
}

enhance();
window.Blazor?.addEventListener?.('enhancedload', enhance);
