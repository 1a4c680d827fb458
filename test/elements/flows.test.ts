// The flow elements through a user's eyes, with the named STUB client standing in for the
// backend (test/helpers/stub-client.ts) and real ceremonies on the virtual authenticator.
// The same flows against the real backend are in test/e2e/flows.test.ts.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {PasskeyManager} from '../../src/elements/passkey-manager/passkey-manager.js';
import type {PasskeyMfa} from '../../src/elements/passkey-mfa/passkey-mfa.js';
import {click, grantPermissions, part, parts, text, type, until} from '../helpers/dom.js';
import {StubClient, stubPasskey, stubUser} from '../helpers/stub-client.js';
import {
  addVirtualAuthenticator,
  capability,
  clearCredentials,
  overrideCapabilities,
  setPresence,
} from '../helpers/webauthn.js';

const second = {
  ...stubPasskey,
  id: 'cred-2',
  name: 'Phone',
  backedUp: true,
  deviceType: 'multiDevice' as const,
  lastUsedAt: '2026-02-03T10:00:00.000Z',
  authenticator: {
    name: 'Test Keychain',
    icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E',
  },
};

async function manager(client = new StubClient()) {
  client.passkeys = [{...second}, {...stubPasskey}];
  const el = await fixture<PasskeyManager>(
    html`<passkey-manager lang="en-US" .client=${client}></passkey-manager>`,
  );
  await until(() => parts(el, 'item').length === 2, 4000, 'the list');
  return {el, client};
}

before(() => addVirtualAuthenticator()); // one platform authenticator per page

describe('<passkey-manager> (stub client)', () => {
  afterEach(() => clearCredentials());

  it('lists each passkey with its name, authenticator, dates and badge, accessibly', async () => {
    const {el} = await manager();
    const [phone, laptop] = parts(el, 'item');
    expect(text(phone, 'item-name')).to.equal('Phone');
    // The dots between the details are drawn by CSS (none dangles where the line wraps).
    expect(text(phone, 'item-meta')).to.equal(
      'Test Keychain Created Jan 1, 2026 Last used Feb 3, 2026 Synced',
    );
    // An unknown authenticator is not a detail.
    expect(text(laptop, 'item-meta')).to.equal('Created Jan 1, 2026 Never used This device only');
    expect(part<HTMLImageElement>(phone, 'icon').alt).to.equal('');
    // No authenticator icon: a key, hidden from assistive technology.
    expect(part(laptop, 'icon').querySelector('svg[aria-hidden=true]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a passkey the backend keeps no name for shows as "Passkey", in its labels too', async () => {
    const client = new StubClient();
    client.passkeys = [{...second, name: ''}];
    const el = await fixture<PasskeyManager>(
      html`<passkey-manager lang="en-US" .client=${client}></passkey-manager>`,
    );
    await until(() => parts(el, 'item').length === 1, 4000, 'the list');
    expect(text(parts(el, 'item')[0], 'item-name')).to.equal('Passkey');
    expect(part(parts(el, 'item')[0], 'rename-button').getAttribute('aria-label')).to.equal(
      'Rename Passkey',
    );
  });

  it('renames inline: Enter saves, and passkey-updated carries the passkey', async () => {
    const {el, client} = await manager();
    await click(part(parts(el, 'item')[0], 'rename-button'));
    await el.updateComplete;
    const input = part<HTMLInputElement>(el, 'input');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    await expect(el).to.be.accessible();
    input.select();
    const updated = oneEvent(el, 'passkey-updated');
    await sendKeys({type: 'Work phone'});
    await sendKeys({press: 'Enter'});
    expect((await updated).detail.passkey.name).to.equal('Work phone');
    expect(client.calls.find((c) => c.step === 'renamePasskey')!.body).to.deep.equal({
      id: 'cred-2',
      name: 'Work phone',
    });
    await el.updateComplete;
    expect(text(parts(el, 'item')[0], 'item-name')).to.equal('Work phone');
    expect(text(el, 'status')).to.equal('Passkey renamed.');
    expect(el.shadowRoot!.activeElement).to.equal(part(parts(el, 'item')[0], 'rename-button'));
  });

  it('Escape cancels a rename without calling the backend', async () => {
    const {el, client} = await manager();
    await click(part(parts(el, 'item')[0], 'rename-button'));
    await el.updateComplete;
    await sendKeys({type: 'x'});
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(client.count('renamePasskey')).to.equal(0);
    expect(el.shadowRoot!.querySelector('[part~=input]')).to.equal(null);
    expect(text(parts(el, 'item')[0], 'item-name')).to.equal('Phone');
  });

  it('deletes after a confirmation step', async () => {
    const {el, client} = await manager();
    await click(part(parts(el, 'item')[0], 'delete-button'));
    await el.updateComplete;
    expect(client.count('deletePasskey')).to.equal(0);
    expect(text(parts(el, 'item')[0], 'item-name')).to.equal('Delete Phone?');
    await expect(el).to.be.accessible();
    const deleted = oneEvent(el, 'passkey-deleted');
    await click(part(parts(el, 'item')[0], 'delete-button'));
    expect((await deleted).detail).to.deep.equal({id: 'cred-2'});
    await el.updateComplete;
    expect(parts(el, 'item')).to.have.length(1);
    expect(text(el, 'status')).to.equal('Passkey deleted.');
  });

  it('explains the last-passkey guard', async () => {
    const client = new StubClient();
    client.fail.deletePasskey = 'last_passkey';
    const {el} = await manager(client);
    await click(part(parts(el, 'item')[1], 'delete-button'));
    await el.updateComplete;
    const err = oneEvent(el, 'passkey-error');
    await click(part(parts(el, 'item')[1], 'delete-button'));
    expect((await err).detail.code).to.equal('last_passkey');
    await el.updateComplete;
    expect(text(el, 'error')).to.equal(
      'This is your only passkey. Add another passkey or create recovery codes first.',
    );
    expect(parts(el, 'item')).to.have.length(2);
  });

  it('adds a passkey: passkey-registered, and it joins the list', async () => {
    const client = new StubClient();
    const {el} = await manager(client);
    client.answer.registrationVerify = {
      passkey: {...stubPasskey, id: 'cred-3', name: 'New'},
      user: stubUser,
    };
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'add-button'));
    expect((await registered).detail.passkey.id).to.equal('cred-3');
    await el.updateComplete;
    expect(parts(el, 'item').map((i) => text(i, 'item-name'))).to.deep.equal([
      'New',
      'Phone',
      'Test passkey',
    ]);
  });

  it('creates recovery codes, shown once, to copy and download', async () => {
    const {el} = await manager();
    await click(part(el, 'codes-button'));
    await until(() => el.shadowRoot!.querySelector('[part~=codes]'));
    await el.updateComplete;
    // The account had none: no word of earlier codes (passkey-manager-words.test.ts: replacing).
    expect(text(el, 'status')).to.equal('Recovery codes created.');
    expect([...part(el, 'codes').querySelectorAll('code')].map((c) => c.textContent)).to.deep.equal(
      ['1111-2222', '3333-4444', '5555-6666'],
    );
    await expect(el).to.be.accessible();
  });

  it('Copy puts the recovery codes on the clipboard, one a line (read back for real)', async () => {
    await grantPermissions(['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    await navigator.clipboard.writeText('before');
    const {el} = await manager();
    await click(part(el, 'codes-button'));
    await until(() => el.shadowRoot!.querySelector('[part~=copy-button]'), 4000, 'the codes');
    await click(part(el, 'copy-button'));
    const codes = '1111-2222\n3333-4444\n5555-6666';
    await until(
      async () => (await navigator.clipboard.readText()) === codes,
      4000,
      'the codes on the clipboard',
    );
  });

  it('Download saves recovery-codes-<site>.txt holding the codes', async () => {
    const {el} = await manager();
    await click(part(el, 'codes-button'));
    await until(() => el.shadowRoot!.querySelector('[part~=download-button]'), 4000, 'the codes');
    // The element clicks an anchor with a blob URL and revokes the URL right after. Intercept the
    // click (no real download) and read the blob URL while it is still valid.
    const clicked: {download: string; text: Promise<string>}[] = [];
    const realClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      expect(this.href).to.match(/^blob:/);
      clicked.push({download: this.download, text: fetch(this.href).then((r) => r.text())});
    };
    try {
      await click(part(el, 'download-button'));
    } finally {
      HTMLAnchorElement.prototype.click = realClick;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0].download).to.equal('recovery-codes-localhost.txt');
    // One code a line, among lines that say what they are (passkey-manager-words.test.ts).
    expect(await clicked[0].text).to.contain('\n1111-2222\n3333-4444\n5555-6666\n');
  });

  it('keeps the authenticator in step after listing (Signal API)', async () => {
    const calls: [string, unknown][] = [];
    const pkc = PublicKeyCredential as unknown as Record<string, unknown>;
    const saved = ['signalAllAcceptedCredentials', 'signalCurrentUserDetails'].map(
      (m) => [m, pkc[m]] as const,
    );
    for (const [m] of saved) pkc[m] = async (o: unknown) => void calls.push([m, o]);
    try {
      await manager();
      expect(calls).to.deep.include([
        'signalAllAcceptedCredentials',
        {
          rpId: 'localhost',
          userId: stubUser.webauthnUserId,
          allAcceptedCredentialIds: ['cred-2', 'cred-1'],
        },
      ]);
      expect(calls).to.deep.include([
        'signalCurrentUserDetails',
        {
          rpId: 'localhost',
          userId: stubUser.webauthnUserId,
          name: 'ada',
          displayName: 'Ada Lovelace',
        },
      ]);
    } finally {
      for (const [m, f] of saved) pkc[m] = f;
    }
  });

  it('shows a failed listing', async () => {
    const client = new StubClient();
    client.fail.listPasskeys = 'unauthenticated';
    const err = oneEvent(document, 'passkey-error');
    const el = await fixture<PasskeyManager>(
      html`<passkey-manager .client=${client}></passkey-manager>`,
    );
    expect((await err).detail.code).to.equal('unauthenticated');
    await el.updateComplete;
    expect(text(el, 'error')).to.equal('Please sign in first.');
    expect(el.shadowRoot!.querySelector('[part~=add-button]')).to.equal(null); // nothing to act on
  });

  it('says when there are no passkeys yet', async () => {
    const client = new StubClient();
    client.passkeys = [];
    const el = await fixture<PasskeyManager>(
      html`<passkey-manager .client=${client}></passkey-manager>`,
    );
    await until(() => el.shadowRoot!.querySelector('[part~=add-button]'));
    expect(text(el, 'list')).to.match(/^You have no passkeys yet\. Add one to sign in /);
    await expect(el).to.be.accessible();
  });
});

describe('<passkey-mfa> (stub client)', () => {
  afterEach(() => clearCredentials());

  it('registers, then signs in with factor mfa', async () => {
    const client = new StubClient();
    client.mfaMode = 'register';
    const el = await fixture<PasskeyMfa>(
      html`<passkey-mfa mfa-token="t0k" .client=${client}></passkey-mfa>`,
    );
    await expect(el).to.be.accessible();
    const events: string[] = [];
    el.addEventListener('passkey-registered', () => events.push('registered'));
    const done = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    const {detail} = await done;
    expect(detail).to.deep.equal({user: stubUser, factor: 'mfa'});
    expect(events).to.deep.equal(['registered']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=button]')).to.equal(null); // nothing left to press
    expect(text(el, 'status')).to.equal('Signed in.');
    expect(client.calls[0]).to.deep.equal({step: 'mfaOptions', body: {mfaToken: 't0k'}});
    expect((client.calls[1].body as {mfaToken: string}).mfaToken).to.equal('t0k');
  });

  it('verifies with an existing passkey', async () => {
    const client = new StubClient();
    client.mfaMode = 'register';
    const first = await fixture(html`<passkey-mfa mfa-token="a" .client=${client}></passkey-mfa>`);
    const made = oneEvent(first, 'passkey-authenticated');
    await click(part(first, 'button'));
    await made;
    client.mfaMode = 'verify';
    const el = await fixture(html`<passkey-mfa mfa-token="b" .client=${client}></passkey-mfa>`);
    let registered = 0;
    el.addEventListener('passkey-registered', () => registered++);
    const done = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    expect((await done).detail.factor).to.equal('mfa');
    expect(registered).to.equal(0);
  });

  it('shows an expired token', async () => {
    const client = new StubClient();
    client.fail.mfaOptions = 'unauthenticated';
    const el = await fixture(html`<passkey-mfa mfa-token="old" .client=${client}></passkey-mfa>`);
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail.code).to.equal('unauthenticated');
  });
});

describe('<passkey-signup> (stub client)', () => {
  afterEach(() => clearCredentials());

  it('email → code → passkey', async () => {
    const client = new StubClient();
    const el = await fixture(html`<passkey-signup .client=${client}></passkey-signup>`);
    await expect(el).to.be.accessible();
    await type(part(el, 'input'), 'ada@example.com');
    await click(part(el, 'button'));
    // The attribute: Firefox's autocomplete property reads "" for one-time-code (a token it lacks).
    await until(() => part(el, 'input').getAttribute('autocomplete') === 'one-time-code');
    expect(text(el, 'status')).to.equal('We sent a code to ada@example.com.');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input'));
    await expect(el).to.be.accessible();
    await sendKeys({type: '123456'});
    await click(part(el, 'button'));
    await until(() => !el.shadowRoot!.querySelector('[part~=input]'));
    expect(client.calls.find((c) => c.step === 'signupVerify')!.body).to.deep.equal({
      email: 'ada@example.com',
      code: '123456',
    });
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'button'));
    await registered;
    expect(client.calls.find((c) => c.step === 'registrationOptions')!.body).to.deep.equal({
      signupToken: 'signup-token',
    });
    expect(text(el, 'status')).to.equal('Your account is ready. You are signed in.');
  });

  it('says when a code is wrong, and can resend it', async () => {
    const client = new StubClient();
    client.fail.signupVerify = 'verification_failed';
    const el = await fixture(
      html`<passkey-signup email="ada@example.com" .client=${client}></passkey-signup>`,
    );
    await click(part(el, 'button'));
    await until(() => el.shadowRoot!.querySelector('[part~=resend-button]'));
    await type(part(el, 'input'), '000000');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail.message).to.equal('That code is not right. Check it and try again.');
    await click(part(el, 'resend-button'));
    await until(() => client.count('signupEmail') === 2);
    await click(part(el, 'back-button'));
    await until(() => part<HTMLInputElement>(el, 'input').type === 'email');
  });
});

describe('<passkey-recovery> (stub client)', () => {
  afterEach(() => clearCredentials());

  it('username + code → a new passkey', async () => {
    const client = new StubClient();
    const el = await fixture(html`<passkey-recovery .client=${client}></passkey-recovery>`);
    await expect(el).to.be.accessible();
    const [user, code] = parts(el, 'input');
    await type(user, 'ada');
    await type(code, 'aaaa-bbbb');
    await click(part(el, 'button'));
    await until(() => parts(el, 'input').length === 0);
    expect(client.calls[0]).to.deep.equal({
      step: 'recoveryRedeem',
      body: {username: 'ada', code: 'aaaa-bbbb'},
    });
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'button'));
    await registered;
    expect(client.calls.find((c) => c.step === 'registrationOptions')!.body).to.deep.equal({
      recoveryToken: 'recovery-token',
    });
  });

  it('says when the code does not match', async () => {
    const client = new StubClient();
    client.fail.recoveryRedeem = 'verification_failed';
    const el = await fixture(html`<passkey-recovery .client=${client}></passkey-recovery>`);
    const [user, code] = parts(el, 'input');
    await type(user, 'ada');
    await type(code, 'nope');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail.message).to.equal('That username and recovery code do not match.');
  });
});

describe('<passkey-upgrade> (stub client)', () => {
  afterEach(async () => {
    await setPresence(true);
    await clearCredentials();
  });

  it('starts conditional create where the browser has it, and the button ends it for an explicit prompt', async () => {
    if (!(await capability('conditionalCreate'))) {
      // Firefox has no conditional create: with the browser's own answer (counted, unchanged),
      // the kit's fallback starts nothing until the button, which asks once.
      const caps = overrideCapabilities({});
      try {
        const client = new StubClient();
        const el = await fixture(html`<passkey-upgrade .client=${client}></passkey-upgrade>`);
        await until(() => caps.answered > 0, 4000, 'the element to ask for the capabilities');
        await new Promise(requestAnimationFrame);
        expect(client.calls).to.deep.equal([]);
        const registered = oneEvent(el, 'passkey-registered');
        await click(part(el, 'button'));
        await registered;
        expect(client.count('registrationOptions')).to.equal(1);
      } finally {
        caps.restore();
      }
      return;
    }
    const client = new StubClient();
    await setPresence(false);
    const el = await fixture(html`<passkey-upgrade .client=${client}></passkey-upgrade>`);
    await expect(el).to.be.accessible();
    await until(
      () => client.count('registrationOptions') === 1,
      4000,
      'conditional create to start',
    );
    await setPresence(true);
    let cancels = 0;
    el.addEventListener('passkey-cancel', () => cancels++);
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'button'));
    await registered;
    expect(cancels).to.equal(0);
    expect(client.count('registrationVerify')).to.equal(1);
    expect(text(el, 'status')).to.equal('Passkey created. Next time, sign in with your passkey.');
  });

  it('where the browser has no conditional create, asks nothing until the button is pressed', async () => {
    const caps = overrideCapabilities({conditionalCreate: false});
    try {
      const client = new StubClient();
      const el = await fixture(html`<passkey-upgrade .client=${client}></passkey-upgrade>`);
      // The element asked, was told no, and (a frame later, its promise chain settled) started nothing.
      await until(() => caps.answered > 0, 4000, 'the element to ask for the capabilities');
      await new Promise(requestAnimationFrame);
      expect(client.calls).to.deep.equal([]);
      const registered = oneEvent(el, 'passkey-registered');
      await click(part(el, 'button'));
      await registered;
      // One request: the button's (a silent request would have made it two).
      expect(client.count('registrationOptions')).to.equal(1);
      expect(text(el, 'status')).to.equal('Passkey created. Next time, sign in with your passkey.');
    } finally {
      caps.restore();
    }
  });
});
