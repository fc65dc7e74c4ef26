// Passkeys (WebAuthn) for forms marked data-passkey-form="request" (sign in) or "create" (add one). The browser's
// credential goes into the form's hidden field, then the form posts as any form does; the server verifies it.
// Without WebAuthn (or without script) the passkey buttons stay hidden and the page says to use the password form.

const supported = () =>
  typeof window.PublicKeyCredential === 'function' &&
  typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
  typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

function reveal() {
  if (!supported()) {
    return;
  }
  document.querySelectorAll('[data-passkey-button]').forEach((button) => { button.hidden = false; });
  document.querySelectorAll('[data-passkey-fallback]').forEach((text) => { text.hidden = true; });
}

async function credentialFor(form) {
  const create = form.dataset.passkeyForm === 'create';
  const body = new URLSearchParams();
  body.set('__RequestVerificationToken', form.elements.namedItem('__RequestVerificationToken').value);
  const link = form.elements.namedItem('Passkey.Link');
  if (link) {
    body.set('link', link.value);
  }
  const response = await fetch(`/account/passkey/${create ? 'creation' : 'request'}-options`, {
    method: 'POST', body, credentials: 'same-origin',
  });
  if (!response.ok) {
    throw new Error(`passkey options: ${response.status}`);
  }
  const options = await response.json();
  return create
    ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
    : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.passkeyForm || !supported()) {
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  let credential = null;
  try {
    credential = await credentialFor(form);
  } catch (error) {
    if (error?.name === 'AbortError') {
      return;
    }
  }
  form.querySelector('[data-passkey-credential]').value = credential ? JSON.stringify(credential) : '';
  // A plain post: no submit event again, and the server answers with the next page.
  form.submit();
}, true);

reveal();
window.Blazor?.addEventListener?.('enhancedload', reveal);
