// What <passkey-manager> says at the moments it used to say the wrong thing (issue #15): the
// last passkey's guard before confirming, how the recovery codes stand, replacing a saved set,
// Copy's feedback, a downloaded file that says what it is; and where focus and errors go, how
// it looks with no icon, while loading and with no passkeys. The STUB client stands in for the
// backend (test/helpers/stub-client.ts).
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/elements/passkey-manager/define.js';
import type {PasskeyManager} from '../../src/elements/passkey-manager/passkey-manager.js';
import {click, part, parts, text, type, until} from '../helpers/dom.js';
import {StubClient, stubPasskey} from '../helpers/stub-client.js';

const phone = {...stubPasskey, id: 'cred-2', name: 'Phone'};
const laptop = {...stubPasskey, id: 'cred-3', name: 'Laptop'};
const shadow = (el: Element) => el.shadowRoot!;
const has = (el: Element, name: string) => !!shadow(el).querySelector(`[part~="${name}"]`);
/** Whether `target` has focus (a boolean: chai's message for two unequal DOM nodes can hang). */
const focused = (el: Element, target: Element) => shadow(el).activeElement === target;
const day = (iso: string) =>
  new Intl.DateTimeFormat('en-US', {dateStyle: 'medium'}).format(new Date(iso));

/** A manager listing `passkeys`, with `client.codeStatus` as given. */
async function manager(
  passkeys = [{...phone}, {...stubPasskey}],
  codeStatus?: StubClient['codeStatus'],
  client = new StubClient(),
) {
  client.passkeys = passkeys;
  if (codeStatus) client.codeStatus = codeStatus;
  const el = await fixture<PasskeyManager>(
    html`<passkey-manager lang="en-US" .client=${client}></passkey-manager>`,
  );
  await until(() => has(el, 'actions'), 4000, 'the list');
  await el.updateComplete;
  return {el, client};
}

const fullSet = (unused: number, lastUsedAt: string | null = null) => ({
  total: 10,
  unused,
  createdAt: '2026-01-01T12:00:00.000Z',
  lastUsedAt,
});

/** Opens the delete confirmation of the item at `i`. */
async function openDelete(el: PasskeyManager, i = 0) {
  await click(part(parts(el, 'item')[i], 'delete-button'));
  await el.updateComplete;
  return parts(el, 'item')[i];
}

describe('<passkey-manager>: the last passkey, before confirming', () => {
  it('another passkey left: deleting one only says it will no longer sign in', async () => {
    const {el} = await manager();
    const item = await openDelete(el);
    expect(text(item, 'item-meta')).to.equal('You will no longer be able to sign in with it.');
  });

  it('the only passkey, no recovery codes: says so and what to do first, before Delete is pressed', async () => {
    const {el, client} = await manager([{...phone}]);
    const item = await openDelete(el);
    expect(text(item, 'item-name')).to.equal('Delete Phone?');
    expect(text(item, 'item-meta')).to.equal(
      'This is your only passkey. Add another passkey or create recovery codes first.',
    );
    expect(client.count('deletePasskey')).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('the only passkey with unused recovery codes: the codes will be the only way in', async () => {
    const {el} = await manager([{...phone}], fullSet(4));
    const item = await openDelete(el);
    expect(text(item, 'item-meta')).to.equal(
      'This is your only passkey. After this, only your recovery codes can get you in.',
    );
  });
});

describe('<passkey-manager>: how the recovery codes stand', () => {
  it('none yet', async () => {
    const {el} = await manager();
    expect(text(el, 'codes-status')).to.equal(
      'No recovery codes yet. They get you in if you lose your passkeys.',
    );
  });

  it('N of 10 unused, created on a date', async () => {
    const {el} = await manager(undefined, fullSet(10));
    expect(text(el, 'codes-status')).to.equal(
      `10 of 10 recovery codes unused, created on ${day('2026-01-01T12:00:00.000Z')}.`,
    );
  });

  it('a code was used: how many are left and when one was used', async () => {
    const {el} = await manager(undefined, fullSet(7, '2026-02-03T12:00:00.000Z'));
    expect(text(el, 'codes-status')).to.equal(
      `7 of 10 recovery codes unused, created on ${day('2026-01-01T12:00:00.000Z')}. ` +
        `A code was used on ${day('2026-02-03T12:00:00.000Z')}.`,
    );
  });

  it('all used', async () => {
    const {el} = await manager(undefined, fullSet(0, '2026-02-03T12:00:00.000Z'));
    expect(text(el, 'codes-status')).to.equal('All your recovery codes are used.');
  });

  it('a client without the status call: no count, no guess', async () => {
    const client = new StubClient();
    (client as {recoveryCodeStatus?: unknown}).recoveryCodeStatus = undefined;
    const {el} = await manager(undefined, undefined, client);
    expect(has(el, 'codes-status')).to.equal(false);
    expect(parts(el, 'item')).to.have.length(2);
  });
});

describe('<passkey-manager>: creating recovery codes', () => {
  it('the first set: created at once, and no word of earlier codes', async () => {
    const {el, client} = await manager();
    await click(part(el, 'codes-button'));
    await until(() => has(el, 'codes'), 4000, 'the codes');
    expect(has(el, 'replace')).to.equal(false);
    expect(client.count('recoveryCodes')).to.equal(1);
    expect(text(el, 'status')).to.equal('Recovery codes created.');
    expect(text(el, 'codes-status')).to.match(/^3 of 3 recovery codes unused, created on /);
  });

  it('signed out: the codes on show, the list and the actions are gone', async () => {
    const {el} = await manager();
    await click(part(el, 'codes-button'));
    await until(() => has(el, 'codes'), 4000, 'the codes');
    document.dispatchEvent(new Event('passkey-signed-out'));
    await el.updateComplete;
    for (const name of ['codes', 'list', 'item', 'actions', 'codes-status', 'skeleton'])
      expect(has(el, name), name).to.equal(false);
    expect(text(el, 'status')).to.equal('');
  });

  it('a saved set with unused codes: asks before replacing it; Keep keeps it', async () => {
    const {el, client} = await manager(undefined, fullSet(6));
    await click(part(el, 'codes-button'));
    await el.updateComplete;
    expect(text(el, 'replace-note')).to.equal(
      'Replace your recovery codes? The 6 unused ones will stop working.',
    );
    expect(client.count('recoveryCodes')).to.equal(0);
    await until(() => focused(el, part(part(el, 'replace'), 'cancel-button')), 2000, 'focus');
    await expect(el).to.be.accessible();

    await click(part(part(el, 'replace'), 'cancel-button'));
    await el.updateComplete;
    expect(has(el, 'replace')).to.equal(false);
    expect(client.count('recoveryCodes')).to.equal(0);
    expect(focused(el, part(el, 'codes-button')), 'focus back on the button').to.equal(true);
  });

  it('replacing: the new codes, and only now "Earlier codes no longer work"', async () => {
    const {el, client} = await manager(undefined, fullSet(6));
    await click(part(el, 'codes-button'));
    await el.updateComplete;
    await click(part(el, 'replace-button'));
    await until(() => has(el, 'codes'), 4000, 'the codes');
    expect(client.count('recoveryCodes')).to.equal(1);
    expect(text(el, 'status')).to.equal('Recovery codes created. Earlier codes no longer work.');
    // Asking again: the set just created is a saved set now.
    await click(part(el, 'codes-button'));
    await el.updateComplete;
    expect(text(el, 'replace-note')).to.contain('The 3 unused ones');
  });
});

describe('<passkey-manager>: copy and download', () => {
  const original = Object.getOwnPropertyDescriptor(navigator.clipboard, 'writeText');
  afterEach(() => {
    if (original) Object.defineProperty(navigator.clipboard, 'writeText', original);
    else delete (navigator.clipboard as {writeText?: unknown}).writeText;
  });
  const clipboard = (write: (t: string) => Promise<void>) =>
    Object.defineProperty(navigator.clipboard, 'writeText', {value: write, configurable: true});

  async function withCodes() {
    const {el, client} = await manager();
    await click(part(el, 'codes-button'));
    await until(() => has(el, 'codes'), 4000, 'the codes');
    return {el, client};
  }

  it('Copy copies the codes, one a line, and says "Copied"', async () => {
    const copied: string[] = [];
    clipboard(async (t) => void copied.push(t));
    const {el} = await withCodes();
    expect(text(el, 'copy-button')).to.equal('Copy');
    await click(part(el, 'copy-button'));
    await until(() => text(el, 'copy-button') === 'Copied', 2000, 'Copied');
    expect(copied).to.deep.equal(['1111-2222\n3333-4444\n5555-6666']);
    expect(text(el, 'codes-error')).to.equal('');
  });

  it('a refused clipboard: says what to do, and selects the codes for a copy by hand', async () => {
    clipboard(() =>
      Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
    );
    const {el} = await withCodes();
    await click(part(el, 'copy-button'));
    await until(() => text(el, 'codes-error'), 2000, 'the message');
    expect(text(el, 'codes-error')).to.equal(
      'Copying was blocked. Copy the selected codes yourself.',
    );
    expect(part(el, 'codes-error').getAttribute('role')).to.equal('alert');
    expect(text(el, 'copy-button')).to.equal('Copy');
    expect(getSelection()!.toString()).to.contain('3333-4444');
    await expect(el).to.be.accessible();
  });

  it('the downloaded file says what it is: site, account, date, what for, one code a line, how to use one', async () => {
    const {el} = await withCodes();
    const blobs: Blob[] = [];
    const names: string[] = [];
    const create = URL.createObjectURL;
    const anchorClick = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (b: Blob) => (blobs.push(b), create.call(URL, b));
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    try {
      await click(part(el, 'download-button'));
      await until(() => names.length, 2000, 'the download');
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = anchorClick;
    }
    expect(names).to.deep.equal(['recovery-codes-localhost.txt']);
    expect(blobs[0].type).to.equal('text/plain');
    const today = new Intl.DateTimeFormat('en-US', {dateStyle: 'medium'}).format(new Date());
    expect((await blobs[0].text()).split('\n')).to.deep.equal([
      'Recovery codes for localhost',
      'Account: ada',
      `Created ${today}`,
      '',
      'If you lose your passkeys, each code gets you in once. Keep them safe.',
      '',
      '1111-2222',
      '3333-4444',
      '5555-6666',
      '',
      `To use one, start account recovery at ${location.origin}.`,
      '',
    ]);
  });
});

describe('<passkey-manager>: focus and errors', () => {
  it('after a delete, focus goes to the next passkey, then to the list once it is empty', async () => {
    const {el} = await manager([{...phone}, {...laptop}, {...stubPasskey}]);
    // The middle one: focus moves to the one that took its place.
    await openDelete(el, 1);
    const gone = oneEvent(el, 'passkey-deleted');
    await click(part(parts(el, 'item')[1], 'confirm-button'));
    expect((await gone).detail).to.deep.equal({id: 'cred-3'});
    await until(
      () => focused(el, part(parts(el, 'item')[1], 'rename-button')),
      2000,
      'focus on the next passkey',
    );
    expect(text(parts(el, 'item')[1], 'item-name')).to.equal('Test passkey');
    // The last one: focus to the one before it.
    await openDelete(el, 1);
    await click(part(parts(el, 'item')[1], 'confirm-button'));
    await until(
      () => focused(el, part(parts(el, 'item')[0], 'rename-button')),
      2000,
      'focus on the one before',
    );
    // The only one: focus to the (empty) list, which says so.
    await openDelete(el, 0);
    await click(part(parts(el, 'item')[0], 'confirm-button'));
    await until(() => focused(el, part(el, 'list')), 2000, 'focus on the list');
    expect(text(el, 'list')).to.contain('You have no passkeys yet.');
  });

  it('a refused name: the rename input is invalid and described by the error', async () => {
    const {el, client} = await manager();
    await click(part(parts(el, 'item')[0], 'rename-button'));
    await el.updateComplete;
    const input = part<HTMLInputElement>(el, 'input');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(input.hasAttribute('aria-describedby')).to.equal(false);
    client.fail.renamePasskey = 'invalid_request';
    await type(input, 'New name');
    await click(part(el, 'button'));
    await until(() => input.getAttribute('aria-invalid') === 'true', 2000, 'aria-invalid');
    expect(input.getAttribute('aria-describedby')).to.equal('error');
    expect(shadow(el).getElementById('error')!.textContent!.trim()).to.not.equal('');
    expect(focused(el, input), 'focus on the field').to.equal(true);
    await expect(el).to.be.accessible();

    // A failure that is not about the name: described by the error, not marked invalid.
    client.fail.renamePasskey = 'network_error';
    await click(part(el, 'button'));
    await until(() => input.getAttribute('aria-invalid') === 'false', 2000, 'valid again');
    expect(input.getAttribute('aria-describedby')).to.equal('error');
  });
});

describe('<passkey-manager>: looks', () => {
  it('a key where the authenticator has no icon, its own icon where it has one', async () => {
    const icon =
      'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=';
    const {el} = await manager([
      {...phone, authenticator: {name: 'Acme', icon}},
      {...stubPasskey, authenticator: null},
    ]);
    const [withIcon, without] = parts(el, 'item');
    expect(part(withIcon, 'icon').localName).to.equal('img');
    expect(part(withIcon, 'icon').getAttribute('src')).to.equal(icon);
    expect(part(without, 'icon').querySelector('svg')).to.not.equal(null);
  });

  it("the authenticator's name is a detail only when known and not the passkey's own name", async () => {
    const {el} = await manager([
      {...phone, name: 'Work phone', authenticator: {name: 'Google Password Manager'}},
      {...phone, id: 'same', name: 'Windows Hello', authenticator: {name: 'Windows Hello'}},
      {...stubPasskey, name: '', authenticator: null},
      {...stubPasskey, id: 'fallback', name: '', authenticator: {name: 'Passkey'}},
    ]);
    const firstDetail = (item: Element) => part(item, 'item-meta').children[0]?.textContent;
    const [named, same, unknown, fallback] = parts(el, 'item');
    expect(firstDetail(named)).to.equal('Google Password Manager');
    expect(firstDetail(same)).to.match(/^Created /);
    expect(text(unknown, 'item-name')).to.equal('Passkey');
    expect(firstDetail(unknown)).to.match(/^Created /);
    // Unnamed, made by an authenticator the backend calls "Passkey": said once.
    expect(text(fallback, 'item-name')).to.equal('Passkey');
    expect(firstDetail(fallback)).to.match(/^Created /);
  });

  it('a skeleton while the list loads, then the list', async () => {
    const client = new StubClient();
    client.hold.listPasskeys = true;
    const el = await fixture<PasskeyManager>(
      html`<passkey-manager lang="en-US" .client=${client}></passkey-manager>`,
    );
    await until(() => client.count('listPasskeys'), 2000, 'the list request');
    await el.updateComplete;
    expect(part(el, 'skeleton').getAttribute('aria-busy')).to.equal('true');
    expect(has(el, 'item')).to.equal(false);
    client.release();
    await until(() => has(el, 'item'), 2000, 'the list');
    expect(has(el, 'skeleton')).to.equal(false);
  });

  it('no passkeys: says so, says why to add one, and Add a passkey is the one filled button', async () => {
    const {el} = await manager([]);
    expect(text(el, 'list')).to.equal(
      'You have no passkeys yet. Add one to sign in with your face, fingerprint or screen lock.',
    );
    const filled = [...shadow(el).querySelectorAll('button')].filter(
      (b) => getComputedStyle(b).backgroundColor !== 'rgba(0, 0, 0, 0)',
    );
    expect(filled.map((b) => b.getAttribute('part'))).to.deep.equal(['add-button']);
  });

  it('details that wrap leave no dot at the start of a line', async () => {
    const {el} = await manager();
    el.style.width = '280px';
    await el.updateComplete;
    const meta = part(parts(el, 'item')[0], 'item-meta');
    const box = (meta.parentElement as HTMLElement).getBoundingClientRect();
    for (const span of meta.children) {
      const r = span.getBoundingClientRect();
      // A detail that starts a line starts at (or, with its dot, before) the text's edge: its dot
      // is outside the clipped box. A detail inside a line has its dot inside it.
      const startsLine = Math.abs(r.left - box.left) < 20 && r.left <= box.left + 1;
      if (startsLine) expect(r.left).to.be.below(box.left);
    }
    // The details did wrap at this width, so the check above met a line start.
    const tops = new Set([...meta.children].map((s) => Math.round(s.getBoundingClientRect().top)));
    expect(tops.size).to.be.greaterThan(1);
  });
});
