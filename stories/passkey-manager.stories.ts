// <passkey-manager>: every state, driven by the stub client (stories/stub-client.ts), which
// lists `manyPasskeys` here (synced and this-device, with and without an icon, one never used).
// Error stories: one per case in managerErrors (stories/error-codes.ts), each failing at its
// stage (loading, renaming, deleting, recovery codes, adding, a refusal after confirming);
// test/node/storybook.test.ts checks none is missing. The stub's `reauth` script plays a session
// not verified recently: those calls answer reauth_required until the user confirms it is them.
import {expect, waitFor} from 'storybook/test';
import {errorCase, managerErrors} from './error-codes.js';
import {
  clickPart,
  darkPage,
  elementIn,
  elementMeta,
  errorStory,
  firedBy,
  outcomeStory,
  part,
  partIn,
  parts,
  partOf,
  reaches,
  rtlPage,
  themeArgs,
  typeInto,
  type Act,
  type PasskeyHost,
  type Story,
} from './helpers.js';
import {themeAttributeDark, themed} from './themes.js';
import {withStubAuthenticator} from './stub-authenticator.js';
import {manyPasskeys, stubPasskeys, type StubScript, type StubStep} from './stub-client.js';

const tag = 'passkey-manager';
export default {
  title: 'Elements/passkey-manager',
  component: 'passkey-manager',
  ...elementMeta(tag, {parameters: {stub: {passkeys: manyPasskeys}}}),
};

// ─── play steps ─────────────────────────────────────────────────────────────────────────────

/** The listing has answered (with `count` passkeys, or any). */
async function listed(el: PasskeyHost, count?: number) {
  await partOf(el, 'list');
  await waitFor(
    () =>
      count === undefined
        ? expect(parts(el, 'item').length).toBeGreaterThan(0)
        : expect(parts(el, 'item')).toHaveLength(count),
    {
      timeout: 3000,
    },
  );
  return parts(el, 'item');
}

const firstItem = async (el: PasskeyHost) => (await listed(el))[0];

/** Opens the rename form of the first passkey. */
const openRename: Act = async (el) => clickPart(el, 'rename-button', await firstItem(el));

/** Renames the first passkey: opens the form, types the name, presses Save. */
const rename: Act = async (el) => {
  await openRename(el);
  await typeInto(part(el, 'input')!, 'Work laptop');
  await clickPart(el, 'button');
};

/** Opens the delete confirmation of the first passkey. */
const openDelete: Act = async (el) => clickPart(el, 'delete-button', await firstItem(el));

/** Deletes the first passkey: Delete, then Delete again to confirm. */
const confirmDelete: Act = async (el) => {
  await openDelete(el);
  await clickPart(el, 'delete-button', parts(el, 'item')[0]);
};

/** The inline confirm, once shown: checks why it asks. */
async function asks(el: PasskeyHost, why: string) {
  const block = await partOf(el, 'reauth');
  await expect(partIn(block, 'reauth-note')?.textContent).toBe(why);
  await expect(partIn(block, 'reauth-button')).not.toBeNull();
  return block;
}

const stages: Record<string, Act> = {
  load: async () => {},
  rename,
  delete: confirmDelete,
  codes: async (el) => {
    await listed(el);
    await clickPart(el, 'codes-button');
  },
  add: async (el) => {
    await listed(el);
    await clickPart(el, 'add-button');
  },
  sessions: async (el) => {
    await listed(el);
    await clickPart(el, 'sessions-button');
  },
  // Deleting asks for the passkey; the user confirms; the backend refuses the repeat again.
  'reauth-again': async (el) => {
    await confirmDelete(el);
    await partOf(el, 'reauth');
    await withStubAuthenticator('approve', async () => {
      await clickPart(el, 'reauth-button');
      await reaches(el, 'error');
    });
  },
};

const error = (code: string, extra: Partial<Story> = {}) => {
  const c = errorCase(managerErrors, code);
  const story = errorStory(tag, c, stages[c.stage!]);
  return {
    ...story,
    ...extra,
    parameters: {
      ...story.parameters,
      ...extra.parameters,
      stub: {...story.parameters?.stub, ...extra.parameters?.stub},
    },
  };
};

// ─── lists ──────────────────────────────────────────────────────────────────────────────────

/**
 * Four passkeys: synced and this-device, with an authenticator icon (one with a dark variant)
 * and without, one never used, one with a long name.
 */
export const Default: Story = {
  name: 'List',
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    const items = await listed(el, manyPasskeys.length);
    await expect(items[0].querySelector('img[part~=icon]')).not.toBeNull();
    // No authenticator icon: a key.
    await expect(items[3].querySelector('[part~=icon] svg')).not.toBeNull();
    await expect(partIn(items[3], 'item-meta')?.textContent).toContain('Never used');
  },
};

/** A signed-in account without passkeys (signed up with a password, say). */
export const Empty: Story = {
  name: 'Empty list',
  parameters: {stub: {passkeys: []}},
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await reaches(el, 'success');
    await expect(parts(el, 'item')).toHaveLength(0);
  },
};

/** One passkey, never used, no authenticator metadata. */
export const Single: Story = {
  name: 'One passkey',
  parameters: {stub: {passkeys: [stubPasskeys[1]]}},
};

/** The listing has not answered yet. */
export const Loading: Story = {
  parameters: {stub: {passkeys: manyPasskeys, pending: 'listPasskeys'}},
};

// ─── renaming and deleting ──────────────────────────────────────────────────────────────────

/** Rename inline: the input takes focus; Enter saves, Escape cancels. */
export const Renaming: Story = {
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await openRename(el);
    await expect(el.shadowRoot!.activeElement).toBe(part(el, 'input'));
  },
};

/** Saved: the new name in the list, `passkey-updated`, focus back on the rename button. */
export const Renamed = outcomeStory(tag, 'success', {
  act: rename,
  then: async (el) => {
    await expect(partIn(parts(el, 'item')[0], 'item-name')?.textContent).toBe('Work laptop');
    await expect(firedBy(el).map((e) => e.type)).toContain('passkey-updated');
    await expect(part(el, 'status')?.textContent).toBe('Passkey renamed.');
  },
});

/** Delete asks first: the item turns into a confirmation, focus on Keep. */
export const ConfirmingDelete: Story = {
  name: 'Confirming delete',
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await openDelete(el);
    await expect(partIn(parts(el, 'item')[0], 'item-name')?.textContent).toBe(
      `Delete ${manyPasskeys[0].name}?`,
    );
  },
};

/** Confirmed: the passkey leaves the list and `passkey-deleted` fires. */
export const Deleted = outcomeStory(tag, 'success', {
  act: confirmDelete,
  then: async (el) => {
    await expect(parts(el, 'item')).toHaveLength(manyPasskeys.length - 1);
    await expect(firedBy(el).map((e) => e.type)).toContain('passkey-deleted');
    await expect(part(el, 'status')?.textContent).toBe('Passkey deleted.');
  },
});

/** Deleting the account's only way in is refused, and the element says why. */
export const LastPasskey: Story = {
  ...error('last_passkey', {
    parameters: {stub: {passkeys: [stubPasskeys[1]]} satisfies StubScript},
  }),
  name: 'Last passkey (error)',
};

// ─── recovery codes and adding ──────────────────────────────────────────────────────────────

/** The codes are shown: ten of them, with Copy and Download. */
const showsCodes = async (el: PasskeyHost) => {
  const codes = await partOf(el, 'codes');
  await expect(codes.querySelectorAll('code')).toHaveLength(10);
  await expect(part(el, 'copy-button')).not.toBeNull();
  await expect(part(el, 'download-button')).not.toBeNull();
};

/** Recovery codes, shown once, to copy or download (the account had none before). */
export const RecoveryCodes = outcomeStory(tag, 'success', {
  act: stages.codes,
  then: async (el) => {
    await showsCodes(el);
    await waitFor(() => expect(part(el, 'status')?.textContent).toBe('Recovery codes created.'), {
      timeout: 1000,
    });
  },
});

/** A saved set: how many codes are left, since when, and when one was last used. */
const usedSet = {
  total: 10,
  unused: 7,
  createdAt: '2026-01-03T12:00:00.000Z',
  lastUsedAt: '2026-02-18T12:00:00.000Z',
} satisfies StubScript['codeStatus'];

/** How the recovery codes stand: 7 of 10 unused, created on a date, a code used on another. */
export const CodesLeft: Story = {
  name: 'Recovery codes: 7 of 10 left, one used',
  parameters: {stub: {passkeys: manyPasskeys, codeStatus: usedSet} satisfies StubScript},
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    const status = await partOf(el, 'codes-status');
    await expect(status.textContent).toContain('7 of 10 recovery codes unused, created on');
    await expect(status.textContent).toContain('A code was used on');
  },
};

/** Creating codes while unused ones exist asks first: they would stop working. */
export const ReplacingCodes: Story = {
  name: 'Recovery codes: replacing a saved set asks first',
  parameters: {stub: {passkeys: manyPasskeys, codeStatus: usedSet} satisfies StubScript},
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await stages.codes(el);
    await expect((await partOf(el, 'replace-note')).textContent).toContain(
      'The 7 unused ones will stop working.',
    );
  },
};

/** Replaced: the new codes, and now the status says the earlier ones no longer work. */
export const CodesReplaced = outcomeStory(tag, 'success', {
  stub: {passkeys: manyPasskeys, codeStatus: usedSet},
  act: async (el) => {
    await stages.codes(el);
    await clickPart(el, 'replace-button');
  },
  then: async (el) => {
    await showsCodes(el);
    await waitFor(
      () =>
        expect(part(el, 'status')?.textContent).toBe(
          'Recovery codes created. Earlier codes no longer work.',
        ),
      {timeout: 1000},
    );
  },
});

/** Deleting the only passkey says before confirming that the recovery codes will be the only way in. */
export const LastPasskeyGuard: Story = {
  name: 'Deleting the only passkey (with recovery codes)',
  parameters: {stub: {passkeys: [stubPasskeys[1]], codeStatus: usedSet} satisfies StubScript},
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await openDelete(el);
    await expect(partIn(parts(el, 'item')[0], 'item-meta')?.textContent).toContain(
      'only your recovery codes can get you in',
    );
  },
};

/** Without recovery codes, it says what to do first. */
export const LastPasskeyGuardNoCodes: Story = {
  name: 'Deleting the only passkey (no recovery codes)',
  parameters: {stub: {passkeys: [stubPasskeys[1]]} satisfies StubScript},
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await openDelete(el);
    await expect(partIn(parts(el, 'item')[0], 'item-meta')?.textContent).toContain(
      'This is your only passkey. Add another passkey or create recovery codes first.',
    );
  },
};

/** Adding a passkey: the registration ceremony is running (its options call never answers). */
export const Adding = outcomeStory(tag, 'busy', {
  act: stages.add,
  stub: {passkeys: manyPasskeys, pending: 'registrationOptions'},
});

/** Added: the new passkey at the top of the list, `passkey-registered`. */
export const Added = outcomeStory(tag, 'success', {
  act: stages.add,
  prompt: 'approve',
  then: async (el) => {
    await expect(parts(el, 'item')).toHaveLength(manyPasskeys.length + 1);
    await expect(firedBy(el).map((e) => e.type)).toContain('passkey-registered');
    await expect(part(el, 'status')?.textContent).toBe('Passkey added.');
  },
});

/** The user dismissed the prompt while adding: a calm note, the list unchanged. */
export const AddCancelled = outcomeStory(tag, 'cancelled', {act: stages.add, prompt: 'dismiss'});

// ─── signing out other devices ──────────────────────────────────────────────────────────────

/** Sign out other devices: the other sessions end, and the status says so. */
export const SignedOutElsewhere = outcomeStory(tag, 'success', {
  act: stages.sessions,
  then: async (el) => {
    await waitFor(
      () => expect(part(el, 'status')?.textContent).toBe('Signed out everywhere else.'),
      {
        timeout: 3000,
      },
    );
  },
});

// ─── confirming it is you (the backend answered reauth_required) ────────────────────────────

/** A session not verified recently, for these calls. */
const stale = (...reauth: StubStep[]) => ({stub: {passkeys: manyPasskeys, reauth}});

/** Deleting asks for the passkey inline first, and says why. */
export const AsksToConfirmDelete: Story = {
  name: 'Asks to confirm it is you (delete)',
  parameters: stale('deletePasskey'),
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await confirmDelete(el);
    await asks(el, `To delete ${manyPasskeys[0].name}, confirm it is you.`);
    await expect(part(el, 'error')?.textContent).toBe('');
  },
};

/** Confirmed: the deletion runs once more, and succeeds. */
export const ConfirmedThenDeleted = outcomeStory(tag, 'success', {
  stub: stale('deletePasskey').stub,
  prompt: 'approve',
  act: async (el) => {
    await confirmDelete(el);
    await partOf(el, 'reauth');
    await clickPart(el, 'reauth-button');
  },
  then: async (el) => {
    await waitFor(() => expect(parts(el, 'item')).toHaveLength(manyPasskeys.length - 1), {
      timeout: 3000,
    });
    await expect(part(el, 'reauth')).toBeNull();
    await expect(firedBy(el).map((e) => e.type)).toContain('passkey-deleted');
    await expect(part(el, 'status')?.textContent).toBe('Passkey deleted.');
  },
});

/** The user dismissed the passkey prompt: a calm note, and the confirm stays to try again. */
export const ConfirmCancelled = outcomeStory(tag, 'cancelled', {
  stub: stale('deletePasskey').stub,
  prompt: 'dismiss',
  act: async (el) => {
    await confirmDelete(el);
    await partOf(el, 'reauth');
    await clickPart(el, 'reauth-button');
  },
  then: async (el) => {
    await expect(part(el, 'reauth')).not.toBeNull();
    await expect(parts(el, 'item')).toHaveLength(manyPasskeys.length);
  },
});

/** Creating recovery codes asks too. */
export const AsksToConfirmCodes: Story = {
  name: 'Asks to confirm it is you (recovery codes)',
  parameters: stale('recoveryCodes'),
  play: async ({canvasElement}) => {
    await stages.codes(elementIn(canvasElement, tag));
    await asks(elementIn(canvasElement, tag), 'To create recovery codes, confirm it is you.');
  },
};

/** Adding another passkey asks too. */
export const AsksToConfirmAdd: Story = {
  name: 'Asks to confirm it is you (add)',
  parameters: stale('registrationOptions'),
  play: async ({canvasElement}) => {
    await stages.add(elementIn(canvasElement, tag));
    await asks(elementIn(canvasElement, tag), 'To add a passkey, confirm it is you.');
  },
};

/** Signing out other devices asks too. */
export const AsksToConfirmSignOut: Story = {
  name: 'Asks to confirm it is you (sign out other devices)',
  parameters: stale('endOtherSessions'),
  play: async ({canvasElement}) => {
    await stages.sessions(elementIn(canvasElement, tag));
    await asks(elementIn(canvasElement, tag), 'To sign out your other devices, confirm it is you.');
  },
};

// ─── errors: one story per case ─────────────────────────────────────────────────────────────

/** Signed out: the listing answers 401. */
export const ErrorUnauthenticated: Story = {
  ...error('unauthenticated'),
  name: 'Signed out (error: unauthenticated)',
};
export const ErrorNetworkError = error('network_error');
export const ErrorBadResponse = error('bad_response');
export const ErrorInternal = error('internal');
export const ErrorInvalidRequest = error('invalid_request');
export const ErrorNotFound = error('not_found');
export const ErrorLastPasskey = error('last_passkey');
export const ErrorOriginMismatch = error('origin_mismatch');
export const ErrorRateLimited = error('rate_limited');
export const ErrorPayloadTooLarge = error('payload_too_large');
export const ErrorCredentialExists = error('credential_exists');
export const ErrorAlreadyRegistered = error('already_registered');
export const ErrorChallengeInvalid = error('challenge_invalid');
export const ErrorVerificationFailed = error('verification_failed');
export const ErrorSecurityError = error('security_error');
export const ErrorNotSupported = error('not_supported');
/** Refused again after the user confirmed it is them: shown, not asked again. */
export const ErrorReauthRequired = error('reauth_required');

// ─── unsupported ────────────────────────────────────────────────────────────────────────────

/** No WebAuthn: the default note. */
export const Unsupported: Story = {args: {unsupported: true}};

// ─── pages and themes ───────────────────────────────────────────────────────────────────────

/** On a page with `color-scheme: dark` (the icon with a dark variant switches only with the OS setting). */
export const Dark: Story = {decorators: [darkPage]};

/** The inline confirm on a dark page. */
export const DarkAsksToConfirm: Story = {
  ...AsksToConfirmDelete,
  name: 'Dark (asks to confirm it is you)',
  decorators: [darkPage],
};

/** Renaming on a dark page. */
export const DarkRenaming: Story = {...Renaming, name: 'Dark (renaming)', decorators: [darkPage]};

/** Recovery codes on a dark page. */
export const DarkRecoveryCodes: Story = {
  ...outcomeStory(tag, 'success', {act: stages.codes, then: showsCodes}),
  name: 'Dark (recovery codes)',
  decorators: [darkPage],
};

/** An error on a dark page. */
export const DarkError: Story = {
  ...error('last_passkey', {parameters: {stub: {passkeys: [stubPasskeys[1]]}}}),
  name: 'Dark (error)',
  decorators: [darkPage],
};

/** In a right-to-left page: the layout mirrors. */
export const RightToLeft: Story = {decorators: [rtlPage]};

/** The inline confirm in a right-to-left page. */
export const RightToLeftAsksToConfirm: Story = {
  ...AsksToConfirmDelete,
  name: 'Right to left (asks to confirm it is you)',
  decorators: [rtlPage],
};

/** Confirming a delete in a right-to-left page. */
export const RightToLeftConfirming: Story = {
  ...ConfirmingDelete,
  name: 'Right to left (confirming delete)',
  decorators: [rtlPage],
};

/** Every `--passkey-*` custom property set. */
export const Themed: Story = {args: {...themeArgs}};

/** Recovery codes with the theme. */
export const ThemedRecoveryCodes: Story = {
  ...outcomeStory(tag, 'success', {act: stages.codes, then: showsCodes}),
  name: 'Themed (recovery codes)',
  args: {...themeArgs},
};

// ─── the example themes of docs/theming.md, and the theme attribute ─────────────────────────

/** The brand theme: violet, rounded, pill buttons (confirming a delete: every kind of button). */
export const ThemeBrand = themed('brand', ConfirmingDelete);

/** The dense, corporate theme: smaller type and spacing, square corners. */
export const ThemeDense = themed('dense', ConfirmingDelete);

/** The high-contrast dark theme (with `theme="dark"`). */
export const ThemeHighContrastDark = themed('contrast', ConfirmingDelete);

/** `theme="dark"` on a light page: the element paints its own dark surface. */
export const ThemeAttributeDark = themeAttributeDark(Default);
