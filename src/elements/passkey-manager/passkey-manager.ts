import {msg, str} from '../../core/localize.js';
import {html, nothing} from 'lit';
import type {Passkey, RecoveryCodeStatusResponse} from '../../core/client/types.js';
import type {CeremonyController, Outcome} from '../../core/controllers/ceremony-controller.js';
import {ManagerController} from '../../core/controllers/manager-controller.js';
import {ReauthController} from '../../core/controllers/reauth-controller.js';
import {RegistrationController} from '../../core/controllers/registration-controller.js';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {baseStyles} from '../../styles/base.styles.js';
import {secondaryStyles} from '../../styles/secondary.styles.js';
import {confirmForm, noPasskeyToConfirm} from '../shared/confirm.js';
import {icon} from '../shared/icons.js';
import {managerStyles} from './passkey-manager.styles.js';

/** A key: the icon of a passkey whose authenticator has none, and of the empty list. */
const keyIcon = icon(
  'M12 16.5a4.5 4.5 0 1 1-9 0 4.5 4.5 0 0 1 9 0m-1.3-3.2 9.8-9.8m-3.5 3.5 2.5 2.5m-5-.5 2 2',
);

/** The name shown for a passkey that has none (called while rendering: the locale may change). */
const unnamed = () => msg('Passkey', {desc: 'The name shown for a passkey that has none.'});

/** Keeps the passkey (or the recovery codes) instead of deleting (or replacing) it. */
const keep = () =>
  msg('Keep', {
    desc: 'Button: keeps the passkey instead of deleting it, or the recovery codes instead of replacing them.',
  });

/**
 * Deleting the only passkey: said before the user confirms (unless unused recovery codes are
 * left), and when the backend refuses it (`last_passkey`: no other way in).
 */
const onlyPasskey = () =>
  msg('This is your only passkey. Add another passkey or create recovery codes first.');

/** A sensitive action the backend refused until the user confirms it is them. */
interface Asking {
  /** Says what the passkey is asked for (called while rendering: the locale may change). */
  why: () => string;
  /** Runs the action once more, after the user confirmed. */
  repeat: () => unknown;
  /** Where focus goes back to when the user declines (a part selector). */
  back: string;
}

/**
 * The signed-in user's passkeys: each with its authenticator's name and icon, its own name,
 * when it was created and last used, and whether it is synced or on this device only. Rename
 * inline (Enter saves, Escape cancels), delete after a confirmation step, add another passkey,
 * create recovery codes (shown once, to copy or download), and sign out the user's other
 * devices. After listing and after each change it tells the authenticator what is current
 * through the Signal API, where the browser has it.
 *
 * Recovery codes: the manager says how many of the set are unused and when it was created, and
 * when a code was last used (when the client has `recoveryCodeStatus`, as the reference
 * backend's does); creating codes while unused ones exist asks first, since the new set replaces
 * them. Copy says when it worked, and what to do when the browser refused it; the downloaded
 * file says what the codes are, for which site and account, and how to use one. Before deleting
 * the only passkey it says what that means: with unused recovery codes, that the codes are then
 * the only way in; without, to add another passkey or create codes first.
 *
 * Deleting a passkey, creating recovery codes, adding a passkey and signing out other devices
 * are sensitive: when the backend wants a recent passkey verification first
 * (`reauth_required`), the manager says why and asks for the passkey inline, then repeats the
 * action once; if the backend refuses it again, the error is shown.
 *
 * @tagname passkey-manager
 * @summary List, rename and delete the signed-in user's passkeys; add one; create recovery codes; sign out other devices.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - Adding a passkey, or confirming it is you, began. `detail: {ceremony: 'registration' | 'authentication'}`
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - A passkey was added. `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyUpdatedDetail>} passkey-updated - A passkey was renamed. `detail: {passkey}`
 * @fires {CustomEvent<PasskeyDeletedDetail>} passkey-deleted - A passkey was deleted. `detail: {id}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt while adding or confirming. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - Something failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart list - The list of passkeys, or, when there are none, the note that says so.
 * @csspart skeleton - Grey placeholder rows while the list loads.
 * @csspart item - One passkey.
 * @csspart icon - The authenticator's icon, or a key when the backend knows none.
 * @csspart item-name - The passkey's name.
 * @csspart item-meta - Authenticator, dates and the synced / this-device badge.
 * @csspart badge - The synced / this-device badge.
 * @csspart rename-button - Starts renaming a passkey.
 * @csspart delete-button - Starts (and confirms) deleting a passkey.
 * @csspart confirm-button - The button that confirms the deletion (also a `delete-button`).
 * @csspart cancel-button - Cancels renaming or deleting, or declines the inline confirm.
 * @csspart form - The rename form.
 * @csspart label - The rename input's label.
 * @csspart input - The rename input.
 * @csspart button - Saves the new name.
 * @csspart actions - The row of buttons under the list.
 * @csspart add-button - Adds a passkey.
 * @csspart codes-button - Creates recovery codes.
 * @csspart codes-status - How the recovery codes stand: none yet, how many are unused and since when, when one was last used.
 * @csspart replace - Asks before new recovery codes replace unused ones: what happens, and the two buttons.
 * @csspart replace-note - What replacing the codes means.
 * @csspart replace-button - Creates the new codes (also a `confirm-button`).
 * @csspart sessions-button - Signs out the user's other devices (their other sessions).
 * @csspart reauth - The inline confirm, when the backend wants a recent passkey verification before an action: why, the button, and one to decline.
 * @csspart reauth-note - Why the passkey is asked for (which action waits for it).
 * @csspart reauth-button - Asks for the passkey; the action then runs once more.
 * @csspart codes - The recovery codes, shown once, with their note and buttons.
 * @csspart codes-note - The note to save the codes somewhere safe.
 * @csspart codes-list - The list of recovery codes.
 * @csspart code - One recovery code.
 * @csspart copy-button - Copies the recovery codes (then says "Copied").
 * @csspart codes-error - What to do when the browser did not let the codes be copied (an assertive live region).
 * @csspart download-button - Downloads the recovery codes as a text file.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 *
 * @cssprop [--passkey-color-on-error=light-dark(#fff, #410002)] - Text of the button that confirms a deletion (its background is `--passkey-color-error`).
 *
 * @cssstate busy - Adding a passkey, or confirming it is you.
 * @cssstate success - The last action succeeded.
 * @cssstate error - The last action failed.
 */
export class PasskeyManager extends PasskeyElement<PasskeyClient> {
  static override styles = [baseStyles, secondaryStyles, managerStyles];

  static override properties = {
    editing: {state: true},
    confirming: {state: true},
    note: {state: true},
    asking: {state: true},
    replacing: {state: true},
    copied: {state: true},
    renamed: {state: true},
  };

  /** The whole contract: this element uses more than the ceremonies. */
  protected static override defaultClient = FetchClient;

  private manager = new ManagerController(this);
  private registration = new RegistrationController(this);
  private reauth = new ReauthController(this);
  /** The sensitive action waiting for the user to confirm it is them, if any. */
  private asking?: Asking;
  /** The passkey being renamed, or being confirmed for deletion. */
  private editing?: string;
  private confirming?: string;
  /** The success note of the last action. */
  private note = '';
  /** Asking before new recovery codes replace unused ones. */
  private replacing = false;
  /** The manager's last task was a rename: an error it ends with is the rename field's. */
  private renamed = false;
  /** The last Copy of the codes: it worked, or the browser refused it. */
  private copied?: 'ok' | 'refused';

  override connectedCallback() {
    super.connectedCallback();
    // After the first render, as @lit/task starts its work: a page's first fetch() costs the
    // main thread a few milliseconds, which the element's first render need not wait for.
    this.updateComplete.then(() => {
      if (this.isConnected) this.reload();
    });
  }

  /**
   * Forgets the signed-in user: the list, recovery codes on show and any open step go, and the
   * manager shows nothing until `reload()` (the page calls it once someone signs in again).
   */
  override reset() {
    super.reset();
    this.manager.forget();
    this.editing = this.confirming = this.asking = this.copied = undefined;
    this.replacing = this.renamed = false;
    this.note = '';
    this.requestUpdate();
  }

  /** Loads the session and the passkeys again. */
  reload() {
    return this.ceremony(this.manager, () => this.manager.load(this.backend));
  }

  /**
   * Runs a sensitive action the user asked for through `ctrl`, reported like any other. When the
   * backend wants a recent passkey verification first (`reauth_required`), nothing is reported:
   * the inline confirm shows `ask` (why, and how to repeat the action). A repeat passes no `ask`,
   * so a second refusal is shown as an error.
   */
  private sensitive<T>(
    ctrl: CeremonyController<unknown>,
    task: () => Promise<Outcome<T> | undefined>,
    ask?: Asking,
    kind?: 'registration',
  ) {
    this.asking = undefined;
    this.renamed = false;
    return this.ceremony(
      ctrl,
      async () => {
        const out = await task();
        if (!ask || out?.ok !== false || out.error.code !== 'reauth_required') return out;
        this.asking = ask;
        this.note = '';
        this.current = this.reauth;
        this.focusOn('[part~=reauth-button]');
      },
      kind,
    );
  }

  /** The inline confirm's button: the passkey, then the waiting action once more. */
  private async reconfirm(e: Event) {
    e.preventDefault();
    const asking = this.asking;
    const ok = await this.ceremony(
      this.reauth,
      () => this.reauth.start(this.backend),
      'authentication',
    );
    if (!ok || !asking || this.asking !== asking) return;
    this.asking = undefined;
    this.focusOn(asking.back);
    asking.repeat();
  }

  /** The inline confirm's "Not now": the action is dropped. */
  private decline() {
    const {back} = this.asking!;
    this.reauth.abort();
    this.asking = this.current = undefined;
    this.focusOn(back);
  }

  private async add(again = false) {
    const r = await this.sensitive(
      this.registration,
      () => this.registration.start(this.backend, {}),
      again
        ? undefined
        : {
            why: () => msg('To add a passkey, confirm it is you.'),
            repeat: () => this.add(true),
            back: '[part~=add-button]',
          },
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
    this.renamed = true;
    const passkey = await this.ceremony(this.manager, () =>
      this.manager.rename(this.backend, id, name.trim()),
    );
    if (!passkey) return;
    this.editing = undefined;
    this.note = msg('Passkey renamed.');
    this.emit('passkey-updated', {passkey});
    this.focusItem(id, 'rename-button');
  }

  private async delete(id: string, again = false) {
    const at = this.manager.passkeys.findIndex((p) => p.id === id);
    const gone = await this.sensitive(
      this.manager,
      () => this.manager.remove(this.backend, id),
      again
        ? undefined
        : {
            // Named as in the list: a passkey without a name is called "Passkey" there too.
            why: () => {
              const name = this.manager.passkeys.find((p) => p.id === id)?.name || unnamed();
              return msg(str`To delete ${name}, confirm it is you.`, {
                desc: 'Why the passkey is asked for: to delete the named passkey.',
              });
            },
            repeat: () => this.delete(id, true),
            back: `[data-id="${CSS.escape(id)}"] [part~=delete-button]`,
          },
    );
    this.confirming = undefined;
    if (!gone) return this.asking || this.focusItem(id, 'delete-button');
    this.note = msg('Passkey deleted.');
    this.emit('passkey-deleted', {id});
    // Focus to the item that took its place (or the one before it), else to the empty list.
    const left = this.manager.passkeys;
    const next = left[at] ?? left[at - 1];
    if (next) this.focusItem(next.id, 'rename-button');
    else this.focusOn('[part~=list]');
  }

  /** "Create recovery codes": asks first when the new set would replace unused codes. */
  private askCodes() {
    if (!this.manager.codeStatus?.unused) return this.createCodes();
    this.replacing = true;
    this.focusOn('[part~=replace] [part~=cancel-button]');
  }

  private keepCodes() {
    this.replacing = false;
    this.focusOn('[part~=codes-button]');
  }

  private async createCodes(again = false) {
    this.replacing = false;
    // Whether unused codes go (unknown without a status: say so, to be safe).
    const replaces = this.manager.codeStatus?.unused ?? 1;
    const codes = await this.sensitive(
      this.manager,
      () => this.manager.createCodes(this.backend),
      again
        ? undefined
        : {
            why: () => msg('To create recovery codes, confirm it is you.'),
            repeat: () => this.createCodes(true),
            back: '[part~=codes-button]',
          },
    );
    if (!codes) return;
    this.copied = undefined;
    this.note = replaces
      ? msg('Recovery codes created. Earlier codes no longer work.')
      : msg('Recovery codes created.');
  }

  private async endOtherSessions(again = false) {
    const done = await this.sensitive(
      this.manager,
      () => this.manager.endOtherSessions(this.backend),
      again
        ? undefined
        : {
            why: () => msg('To sign out your other devices, confirm it is you.'),
            repeat: () => this.endOtherSessions(true),
            back: '[part~=sessions-button]',
          },
    );
    if (done) this.note = msg('Signed out everywhere else.');
  }

  protected override errorText(code: string) {
    return code === 'last_passkey'
      ? onlyPasskey()
      : code === 'not_found'
        ? msg('That passkey no longer exists.')
        : code === 'forbidden' && this.current === this.reauth
          ? noPasskeyToConfirm()
          : super.errorText(code);
  }

  /** Copies the codes, one a line; says "Copied", or what to do when the browser refuses. */
  private async copy() {
    try {
      await navigator.clipboard.writeText(this.manager.codes!.join('\n'));
      this.copied = 'ok';
    } catch {
      this.copied = 'refused';
      // Selected, so that the user's own copy (Ctrl+C, or the menu) takes them at once.
      const list = this.renderRoot.querySelector('[part~=codes-list]');
      if (list) getSelection()?.selectAllChildren(list);
    }
  }

  /**
   * Downloads the codes as a text file that says what it is: for which site and account, when
   * they were created, what they are for, one code a line, and how to use one.
   */
  private download() {
    const m = this.manager;
    const site = m.rpId;
    const origin = location.origin;
    const created = this.date(m.codeStatus?.createdAt ?? Date.now());
    const text = [
      msg(str`Recovery codes for ${site}`, {desc: 'Title of the downloaded recovery-code file.'}),
      msg(str`Account: ${m.user?.username ?? ''}`, {
        desc: 'In the downloaded recovery-code file: the username the codes are for.',
      }),
      msg(str`Created ${created}`, {desc: 'A passkey detail: a date.'}),
      '',
      msg('If you lose your passkeys, each code gets you in once. Keep them safe.'),
      '',
      ...m.codes!,
      '',
      msg(str`To use one, start account recovery at ${origin}.`, {
        desc: 'In the downloaded recovery-code file: where to use a code (the site address).',
      }),
      '',
    ].join('\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], {type: 'text/plain'}));
    a.download = `recovery-codes-${site}.txt`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  /** A date (an ISO string, or milliseconds) in the element's language (its own `lang`, or an ancestor's). */
  private date(when: string | number) {
    return new Intl.DateTimeFormat(this.closest('[lang]')?.getAttribute('lang') || undefined, {
      dateStyle: 'medium',
    }).format(new Date(when));
  }

  /** Opens the rename form or the delete confirmation of one item, closing any other. */
  private open(id: string, confirm: boolean) {
    this.renamed = false;
    this.editing = confirm ? undefined : id;
    this.confirming = confirm ? id : undefined;
    this.focusItem(id, confirm ? 'cancel-button' : 'input');
  }

  private close(id: string, part: string) {
    this.editing = this.confirming = undefined;
    this.focusItem(id, part);
  }

  /** How the recovery codes stand, in a sentence or two; nothing when the client cannot tell. */
  private codeStatusText(s: RecoveryCodeStatusResponse) {
    if (!s.total || !s.createdAt)
      return msg('No recovery codes yet. They get you in if you lose your passkeys.');
    if (!s.unused) return msg('All your recovery codes are used.');
    const created = this.date(s.createdAt);
    const counted = msg(
      str`${s.unused} of ${s.total} recovery codes unused, created on ${created}.`,
      {
        desc: 'How many recovery codes are left, and the date the set was created.',
      },
    );
    return s.lastUsedAt
      ? `${counted} ${msg(str`A code was used on ${this.date(s.lastUsedAt)}.`, {
          desc: 'The date a recovery code was last used to get into the account.',
        })}`
      : counted;
  }

  /** Moves focus to a part of one item once it has rendered, for keyboard users. */
  private focusItem(id: string, part: string) {
    return this.focusOn(`[data-id="${CSS.escape(id)}"] [part~=${part}]`);
  }

  /** Moves focus to what `selector` finds once rendered (else to Add a passkey). */
  private async focusOn(selector: string) {
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLInputElement>(selector) ??
      this.renderRoot.querySelector<HTMLInputElement>('[part~=add-button]');
    target?.focus();
    target?.select?.(); // the rename input: typing replaces the old name
  }

  private renderItem(p: Passkey) {
    const a = p.authenticator;
    const created = this.date(p.createdAt);
    const used = p.lastUsedAt ? this.date(p.lastUsedAt) : '';
    // The authenticator's icon (the dark one follows the system setting: `<picture>` cannot
    // see the page's color-scheme), else a key.
    const icon = a?.icon
      ? html`
          <picture>
            <source srcset=${a.iconDark ?? a.icon} media="(prefers-color-scheme:dark)" />
            <img part="icon" src=${a.icon} alt="" />
          </picture>
        `
      : html`<span part="icon">${keyIcon}</span>`;
    // The item's words, each with a note for translators: most are a word or two in a list.
    // A backend (or adapter) that keeps no name: the localized word, not an empty line. The
    // authenticator's name is a detail only when known and not the passkey's own name already
    // ("Windows Hello" named "Windows Hello", "Passkey" made by an unknown one).
    const name = p.name || unnamed();
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
    // The rename failed: the error (id="error") says why; a refused name marks the field.
    const failed =
      this.editing === p.id &&
      this.renamed &&
      this.current === this.manager &&
      this.manager.status === 'error';
    const invalid = failed && this.failed('invalid_request');
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
                  aria-invalid=${invalid}
                  aria-describedby=${failed ? 'error' : nothing}
                />
              </label>
              <div class="actions">
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
              </div>
            </form>
          `
        : this.confirming === p.id
          ? html`
              <div role="group" aria-label=${confirmDelete}>
                <span part="item-name">${confirmDelete}</span>
                <span part="item-meta">${this.deleteWarning()}</span>
              </div>
              <button part="delete-button confirm-button" @click=${() => this.delete(p.id)}>
                ${deleteWord}
              </button>
              <button part="cancel-button" @click=${() => this.close(p.id, 'delete-button')}>
                ${keep()}
              </button>
            `
          : html`
              <div>
                <span part="item-name">${name}</span>
                <span part="item-meta" class="details">
                  ${a?.name && a.name !== name ? html`<span>${a.name}</span>` : nothing}
                  <span>${createdOn}</span>
                  <span>${lastUsed}</span>
                  <span><span part="badge">${badge}</span></span>
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

  /**
   * What deleting this passkey means: the last one is the last way in, unless the account has
   * another (a password, which the manager cannot see, or recovery codes).
   */
  private deleteWarning() {
    const m = this.manager;
    if (m.passkeys.length > 1) return msg('You will no longer be able to sign in with it.');
    return m.codeStatus?.unused
      ? msg('This is your only passkey. After this, only your recovery codes can get you in.')
      : onlyPasskey();
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
            <div class="actions">
              <button part="copy-button" @click=${this.copy}>
                ${
                  this.copied === 'ok'
                    ? msg('Copied', {desc: 'The Copy button, once the codes are copied.'})
                    : msg('Copy', {desc: 'Button: copies the recovery codes.'})
                }
              </button>
              <button part="download-button" @click=${this.download}>
                ${msg('Download', {desc: 'Button: saves the recovery codes as a file.'})}
              </button>
            </div>
            <p part="codes-error" role="alert">
              ${
                this.copied === 'refused'
                  ? msg('Copying was blocked. Copy the selected codes yourself.')
                  : nothing
              }
            </p>
          </div>
        `
      : nothing;
    // Before the first answer: grey rows where the passkeys will be.
    const skeleton = html`
      <ul part="skeleton" aria-busy="true" aria-label=${msg('Your passkeys')}>
        <li><span></span><span></span></li>
        <li><span></span><span></span></li>
      </ul>
    `;
    const list = m.passkeys.length
      ? html`
          <ul part="list" tabindex="-1" aria-label=${msg('Your passkeys')}>
            ${m.passkeys.map((p) => this.renderItem(p))}
          </ul>
        `
      : m.user
        ? html`
            <div part="list" class="empty" tabindex="-1">
              ${keyIcon}
              <strong>${msg('You have no passkeys yet.')}</strong>
              <span>
                ${msg('Add one to sign in with your face, fingerprint or screen lock.')}
              </span>
            </div>
          `
        : m.user === undefined && m.status !== 'error'
          ? skeleton
          : nothing;
    // The recovery codes' state, when the client can tell it.
    const codeStatus =
      m.user && m.codeStatus
        ? html`<p part="codes-status">${this.codeStatusText(m.codeStatus)}</p>`
        : nothing;
    // Another step is open (with its own main button): Add a passkey steps back.
    const quiet = this.editing || this.confirming || this.asking || this.replacing;
    // Actions only for a signed-in user (not while the list is loading or after it failed).
    const actions = m.user
      ? html`
          <div part="actions" class="actions ${quiet ? 'quiet' : ''}">
            <button part="add-button" aria-disabled=${this.busy} @click=${() => this.add()}>
              ${msg('Add a passkey')}
            </button>
            <button part="codes-button" @click=${this.askCodes}>
              ${msg('Create recovery codes')}
            </button>
            <button part="sessions-button" @click=${() => this.endOtherSessions()}>
              ${msg('Sign out other devices')}
            </button>
          </div>
        `
      : nothing;
    // New codes would replace unused ones: say so, and ask.
    const unused = m.codeStatus?.unused ?? 0;
    const replace = this.replacing
      ? html`
          <div part="replace" role="group" aria-labelledby="replace-note">
            <p part="replace-note" id="replace-note">
              ${msg(
                str`Replace your recovery codes? The ${unused} unused ones will stop working.`,
                {
                  desc: 'Asks before creating new recovery codes, which replace the unused ones.',
                },
              )}
            </p>
            <div class="actions">
              <button part="confirm-button replace-button" @click=${() => this.createCodes()}>
                ${msg('Replace codes', {desc: 'Button: creates new recovery codes in place of the old.'})}
              </button>
              <button part="cancel-button" @click=${this.keepCodes}>${keep()}</button>
            </div>
          </div>
        `
      : nothing;
    // A sensitive action waiting for the passkey: why, the button, and Not now.
    const reauth = this.asking
      ? confirmForm(
          this.reconfirm,
          this.asking.why(),
          this.reauth.busy,
          ['reauth', 'reauth-note', 'reauth-button'],
          html`
            <button part="cancel-button" type="button" @click=${this.decline}>
              ${msg('Not now', {desc: 'Button: declines to confirm it is you; the action is not done.'})}
            </button>
          `,
        )
      : nothing;
    return html`
      ${list}${codeStatus}${actions}${replace}${reauth}${codes}${this.renderMessages(this.note)}
    `;
  }
}
