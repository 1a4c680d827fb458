import {html, nothing} from 'lit';
import {msg} from '../../core/localize.js';
import {field, formValue} from './form.js';
import {passkeyGlyph} from './icons.js';

// What <passkey-register>, <passkey-upgrade> and <passkey-recovery> share: the registration form and the passkey
// name it is submitted with. Each element composes these with its own RegistrationController;
// neither extends the other, so each advertises only its own attributes.

/** The name the user gave the new passkey in the form that fired `e` (a submit), if any. */
export const passkeyName = (e: Event) => formValue(e, 'passkeyName') || undefined;

/**
 * The registration form: the element's own `inputs` (sign-up's username and display name), the
 * optional passkey name input when `nameInput` is set, then the create button (`label`).
 * Submitting it calls `create`, with the element as `this`.
 */
export const registrationForm = (
  create: (e: Event) => unknown,
  label: string,
  busy: boolean,
  nameInput: boolean,
  inputs: unknown = nothing,
) => html`
  <form part="form" @submit=${create}>
    ${inputs}
    ${nameInput ? field(msg('Passkey name (optional)'), 'passkeyName', 'off', '', false) : nothing}
    <button part="button" aria-disabled=${busy}>${passkeyGlyph}${label}</button>
  </form>
`;
