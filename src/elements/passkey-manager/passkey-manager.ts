import {msg, str} from '../../core/localize.js';
import {html, nothing} from 'lit';
import type {Passkey} from '../../core/client/types.js';
import {ManagerController} from '../../core/controllers/manager-controller.js';
import {RegistrationController} from '../../core/controllers/registration-controller.js';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {baseStyles} from '../../styles/base.styles.js';
import {secondaryStyles} from '../../styles/secondary.styles.js';
import {managerStyles} from './passkey-manager.styles.js';

/**
 * The signed-in user's passkeys: each with its authenticator's name and icon, its own name,
 * when it was created and last used, and whether it is synced or on this device only. Rename
 * inline (Enter saves, Escape cancels), delete after a confirmation step, add another passkey,
 * and create recovery codes (shown once, to copy or download). After listing and after each
 * change it tells the authenticator what is current through the Signal API, where the
 * browser has it.
 *
 * @tagname passkey-manager
 * @summary List, rename and delete the signed-in user's passkeys; add one; create recovery codes.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - Adding a passkey began. `detail: {ceremony: 'registration'}`
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - A passkey was added. `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyUpdatedDetail>} passkey-updated - A passkey was renamed. `detail: {passkey}`
 * @fires {CustomEvent<PasskeyDeletedDetail>} passkey-deleted - A passkey was deleted. `detail: {id}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt while adding. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - Something failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart list - The list of passkeys (or the note that there are none yet).
 * @csspart item - One passkey.
 * @csspart icon - The authenticator's icon (when the backend knows one).
 * @csspart item-name - The passkey's name.
 * @csspart item-meta - Authenticator, dates and the synced / this-device badge.
 * @csspart badge - The synced / this-device badge.
 * @csspart rename-button - Starts renaming a passkey.
 * @csspart delete-button - Starts (and confirms) deleting a passkey.
 * @csspart confirm-button - The button that confirms the deletion (also a `delete-button`).
 * @csspart cancel-button - Cancels renaming or deleting.
 * @csspart form - The rename form.
 * @csspart label - The rename input's label.
 * @csspart input - The rename input.
 * @csspart button - Saves the new name.
 * @csspart actions - The row of buttons under the list.
 * @csspart add-button - Adds a passkey.
 * @csspart codes-button - Creates recovery codes.
 * @csspart codes - The recovery codes, shown once, with their note and buttons.
 * @csspart codes-note - The note to save the codes somewhere safe.
 * @csspart codes-list - The list of recovery codes.
 * @csspart code - One recovery code.
 * @csspart copy-button - Copies the recovery codes.
 * @csspart download-button - Downloads the recovery codes as a text file.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 *
 * @cssprop --passkey-color-on-error - Text of the button that confirms a deletion (its background is `--passkey-color-error`).
 *
 * @cssstate busy - Adding a passkey.
 * @cssstate success - The last action succeeded.
 * @cssstate error - The last action failed.
 */
export class PasskeyManager extends PasskeyElement<PasskeyClient> {
  static override styles = [baseStyles, secondaryStyles, managerStyles];

  static override properties = {
    editing: {state: true},
    confirming: {state: true},
    note: {state: true},
  };

  /** The whole contract: this element uses more than the ceremonies. */
  protected static override defaultClient = FetchClient;

  private manager = new ManagerController(this);
  private registration = new RegistrationController(this);
  /** The passkey being renamed, or being confirmed for deletion. */
  private editing?: string;
  private confirming?: string;
  /** The success note of the last action. */
  private note = '';

  override connectedCallback() {
    super.connectedCallback();
    // After the first render, as @lit/task starts its work: a page's first fetch() costs the
    // main thread a few milliseconds, which the element's first render need not wait for.
    this.updateComplete.then(() => {
      if (this.isConnected) this.reload();
    });
  }

  /** Loads the session and the passkeys again. */
  reload() {
    return this.ceremony(this.manager, () => this.manager.load(this.backend));
  }

  private async add() {
    const r = await this.ceremony(
      this.registration,
      () => this.registration.start(this.backend, {}),
      'registration',
    );
    if (!r) return;
    this.manager.added(r.passkey);
    this.note = msg('Passkey added.');
    this.emit('passkey-registered', r);
  }

  private async rename(e: Event, id: string) {
    e.preventDefault();
    const name = new FormData(e.target as HTMLFormElement).get('name') as string;
    const passkey = await this.ceremony(this.manager, () =>
      this.manager.rename(this.backend, id, name.trim()),
    );
    if (!passkey) return;
    this.editing = undefined;
    this.note = msg('Passkey renamed.');
    this.emit('passkey-updated', {passkey});
    this.focusItem(id, 'rename-button');
  }

  private async delete(id: string) {
    const gone = await this.ceremony(this.manager, () => this.manager.remove(this.backend, id));
    this.confirming = undefined;
    if (!gone) return this.focusItem(id, 'delete-button');
    this.note = msg('Passkey deleted.');
    this.emit('passkey-deleted', {id});
  }

  private async createCodes() {
    if (await this.ceremony(this.manager, () => this.manager.createCodes(this.backend))) {
      this.note = msg('Recovery codes created. Earlier codes no longer work.');
    }
  }

  protected override errorText(code: string) {
    return code === 'last_passkey'
      ? msg('This is your only way to sign in. Add another passkey or create recovery codes first.')
      : code === 'not_found'
        ? msg('That passkey no longer exists.')
        : super.errorText(code);
  }

  private copy() {
    navigator.clipboard.writeText(this.manager.codes!.join('\n'));
  }

  private download() {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(
      new Blob([this.manager.codes!.join('\n') + '\n'], {type: 'text/plain'}),
    );
    a.download = 'recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(a.href);
  }

  /** Opens the rename form or the delete confirmation of one item, closing any other. */
  private open(id: string, confirm: boolean) {
    this.editing = confirm ? undefined : id;
    this.confirming = confirm ? id : undefined;
    this.focusItem(id, confirm ? 'cancel-button' : 'input');
  }

  private close(id: string, part: string) {
    this.editing = this.confirming = undefined;
    this.focusItem(id, part);
  }

  /** Moves focus to a part of one item once it has rendered, for keyboard users. */
  private async focusItem(id: string, part: string) {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLInputElement>(
      `[data-id="${CSS.escape(id)}"] [part~=${part}]`,
    );
    target?.focus();
    target?.select?.(); // the rename input: typing replaces the old name
  }

  private renderItem(p: Passkey) {
    const a = p.authenticator;
    const date = new Intl.DateTimeFormat(
      this.closest('[lang]')?.getAttribute('lang') || undefined,
      {dateStyle: 'medium'},
    );
    const created = date.format(new Date(p.createdAt));
    const used = p.lastUsedAt ? date.format(new Date(p.lastUsedAt)) : '';
    // The authenticator's icon (the dark one follows the system setting: `<picture>` cannot
    // see the page's color-scheme), else an empty box that keeps the names aligned.
    const icon = a?.icon
      ? html`
          <picture>
            <source srcset=${a.iconDark ?? a.icon} media="(prefers-color-scheme:dark)" />
            <img part="icon" src=${a.icon} alt="" />
          </picture>
        `
      : html`<span></span>`;
    // The item's words, each with a note for translators: most are a word or two in a list.
    const unnamed = msg('Passkey', {desc: 'The name shown for a passkey that has none.'});
    // A backend (or adapter) that keeps no name: the localized word, not an empty line.
    const name = p.name || unnamed;
    const createdOn = msg(str`Created ${created}`, {desc: 'A passkey detail: a date.'});
    const lastUsed = used
      ? msg(str`Last used ${used}`, {desc: 'A passkey detail: the date of its last sign-in.'})
      : msg('Never used', {desc: 'A passkey detail: no sign-in with it yet.'});
    const badge = p.backedUp
      ? msg('Synced', {desc: "A passkey's badge: backed up, on the user's other devices too."})
      : msg('This device only', {desc: "A passkey's badge: not synced, on one device only."});
    const deleteWord = msg('Delete', {desc: 'Button: deletes a passkey (asks to confirm first).'});
    const confirmDelete = msg(str`Delete ${name}?`, {
      desc: 'Asks to confirm deleting the named passkey.',
    });
    const body =
      this.editing === p.id
        ? html`
            <form
              part="form"
              @submit=${(e: Event) => this.rename(e, p.id)}
              @keydown=${(e: KeyboardEvent) =>
                e.key === 'Escape' && this.close(p.id, 'rename-button')}
            >
              <label part="label">
                ${msg('New name')}
                <input
                  part="input"
                  name="name"
                  .value=${name}
                  required
                  maxlength="64"
                  autocomplete="off"
                />
              </label>
              <button part="button">
                ${msg('Save', {desc: 'Button: saves the new name of a passkey.'})}
              </button>
              <button
                part="cancel-button"
                type="button"
                @click=${() => this.close(p.id, 'rename-button')}
              >
                ${msg('Cancel', {desc: 'Button: closes the rename form unsaved.'})}
              </button>
            </form>
          `
        : this.confirming === p.id
          ? html`
              <div role="group" aria-label=${confirmDelete}>
                <span part="item-name">${confirmDelete}</span>
                <span part="item-meta">
                  ${msg('You will no longer be able to sign in with it.')}
                </span>
              </div>
              <button part="delete-button confirm-button" @click=${() => this.delete(p.id)}>
                ${deleteWord}
              </button>
              <button part="cancel-button" @click=${() => this.close(p.id, 'delete-button')}>
                ${msg('Keep', {desc: 'Button: keeps the passkey instead of deleting it.'})}
              </button>
            `
          : html`
              <div>
                <span part="item-name">${name}</span>
                <span part="item-meta">
                  ${a?.name ?? unnamed} · ${createdOn} · ${lastUsed} ·
                  <span part="badge">${badge}</span>
                </span>
              </div>
              <button
                part="rename-button"
                aria-label=${msg(str`Rename ${name}`, {desc: 'The rename button, as screen readers name it.'})}
                @click=${() => this.open(p.id, false)}
              >
                ${msg('Rename', {desc: 'Button: opens a form to rename a passkey.'})}
              </button>
              <button
                part="delete-button"
                aria-label=${msg(str`Delete ${name}`, {desc: 'The delete button, as screen readers name it.'})}
                @click=${() => this.open(p.id, true)}
              >
                ${deleteWord}
              </button>
            `;
    return html`<li part="item" data-id=${p.id}>${icon}${body}</li>`;
  }

  protected override renderContent() {
    const m = this.manager;
    const codes = m.codes
      ? html`
          <div part="codes">
            <p part="codes-note">
              ${msg('Save these recovery codes somewhere safe. Each works once, and they are shown only now.')}
            </p>
            <ol part="codes-list">
              ${m.codes.map((c) => html`<li part="code"><code>${c}</code></li>`)}
            </ol>
            <button part="copy-button" @click=${this.copy}>
              ${msg('Copy', {desc: 'Button: copies the recovery codes.'})}
            </button>
            <button part="download-button" @click=${this.download}>
              ${msg('Download', {desc: 'Button: saves the recovery codes as a file.'})}
            </button>
          </div>
        `
      : nothing;
    const list = m.passkeys.length
      ? html`
          <ul part="list" aria-label=${msg('Your passkeys')}>
            ${m.passkeys.map((p) => this.renderItem(p))}
          </ul>
        `
      : m.user
        ? html`<p part="list">${msg('You have no passkeys yet.')}</p>`
        : nothing;
    // Actions only for a signed-in user (not while the list is loading or after it failed).
    const actions = m.user
      ? html`
          <div part="actions">
            <button part="add-button" aria-disabled=${this.busy} @click=${this.add}>
              ${msg('Add a passkey')}
            </button>
            <button part="codes-button" @click=${this.createCodes}>
              ${msg('Create recovery codes')}
            </button>
          </div>
        `
      : nothing;
    return html`${list}${actions}${codes}${this.renderMessages(this.note)}`;
  }
}
