import {html, nothing} from 'lit';
import {msg} from '../../core/localize.js';

// What <passkey-confirm> and <passkey-manager> share to ask for the passkey before a sensitive
// action: the prompt and its button. Each element runs it with its own ReauthController
// (src/core/controllers/reauth-controller.ts); neither extends the other.

/**
 * What to say when the backend has none of the user's passkeys to ask for (`/reauth/options`
 * answers 403 `forbidden`: an account that signed in with a password and has no passkey yet).
 */
export const noPasskeyToConfirm = () => msg('You have no passkey yet. Add one first.');

/**
 * The confirm form: `prompt` (what the user confirms, and why), the button that asks for the
 * passkey, and any `more` controls (the manager's Cancel). `parts` names the form, the prompt and
 * the button: `<passkey-confirm>`'s own `form`, `label`, `button`; the manager's inline block
 * has its own names beside its list's. Submitting it calls `confirm`, with the element as `this`.
 */
export const confirmForm = (
  confirm: (e: Event) => unknown,
  prompt: unknown,
  busy: boolean,
  [form, label, button] = ['form', 'label', 'button'],
  more: unknown = nothing,
) => html`
  <form part=${form} @submit=${confirm}>
    <p part=${label} id="why">${prompt}</p>
    <button part=${button} aria-disabled=${busy} aria-describedby="why">
      ${msg('Confirm with a passkey', {desc: 'Button: asks for the passkey to confirm it is you.'})}
    </button>
    ${more}
  </form>
`;
