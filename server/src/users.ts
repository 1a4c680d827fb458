import {randomBytes, randomUUID} from 'node:crypto';
import type {PendingSignup, UserRecord} from './store/types.js';

/**
 * The key usernames are unique by, after RFC 8265's UsernameCaseMapped profile: width-mapped and
 * compatibility-normalized (NFKC), lower-cased, and NFKC again (so the result is stable), so
 * `Alice`, `alice` and `ａｌｉｃｅ` are one account. The username itself is kept as typed.
 */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').toLowerCase().normalize('NFKC');
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Characters a username may never contain, each with the reason named in the refusal: they are
 * invisible, or reorder or disguise the text around them, so two different names could look the
 * same. Checked in this order, on the name as typed (trimmed, NFC).
 */
const refusedCharacters: [RegExp, string][] = [
  [/\p{Cc}/u, 'a control character'],
  [/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u, 'a bidirectional override or mark'],
  [/\p{Cf}/u, 'an invisible format character'],
  [/[\p{Default_Ignorable_Code_Point}\u2800]/u, 'an invisible character'],
  [/[\p{Zl}\p{Zp}]|(?! )\p{Zs}/u, 'a space other than the plain space'],
  [/[\p{Co}\p{Cs}\p{Cn}]/u, 'an unassigned or private-use character'],
];

/**
 * The scripts whose letters a username may carry; anything else (and not Common or Inherited)
 * counts as a script of its own, `Other`.
 */
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Georgian',
  'Hangul',
  'Ethiopic',
  'Cherokee',
  'Khmer',
  'Mongolian',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Han',
  'Yi',
  'Tifinagh',
  'Coptic',
  'Runic',
  'Ogham',
  'Canadian_Aboriginal',
  'Nko',
  'Vai',
  'Javanese',
  'Balinese',
  'Sundanese',
] as const;
const scriptTests = SCRIPTS.map(
  (script) => [script, new RegExp(`^\\p{Script=${script}}$`, 'u')] as const,
);
const commonOrInherited = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/**
 * The sets of scripts that may share one name (UTS #39's "highly restrictive" level): one script,
 * or Latin with the scripts written together in Japanese, Korean or Chinese text.
 */
const ALLOWED_MIXES: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Hangul']),
  new Set(['Latin', 'Han', 'Bopomofo']),
];

/** The scripts of `name`'s characters, leaving out Common (digits, punctuation) and Inherited. */
export function scriptsOf(name: string): Set<string> {
  const scripts = new Set<string>();
  for (const ch of name) {
    if (commonOrInherited.test(ch)) continue;
    scripts.add(scriptTests.find(([, re]) => re.test(ch))?.[0] ?? 'Other');
  }
  return scripts;
}

/**
 * Why `username` (trimmed, NFC) may not be used for a new account, or `undefined` when it may:
 * - no control, format (`\p{Cf}`), bidirectional, default-ignorable (invisible) characters,
 *   spaces other than U+0020, unassigned or private-use code points;
 * - its characters (Common and Inherited ones, such as digits and punctuation, aside) come from
 *   one script, or from Latin with Han, Hiragana and Katakana (Japanese), Han and Hangul
 *   (Korean) or Han and Bopomofo (Chinese): a Cyrillic `а` among Latin letters is refused.
 */
export function usernameProblem(username: string): string | undefined {
  for (const [pattern, what] of refusedCharacters) {
    const match = pattern.exec(username);
    if (match) return `must not contain ${what} (${hex(match[0].codePointAt(0)!)})`;
  }
  const scripts = scriptsOf(username);
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) {
    return `must not mix letters of different scripts (${[...scripts].sort().join(', ')})`;
  }
  return undefined;
}

/**
 * Whether a username is shaped like an email address (an `@` between two characters, after normalization): such a name is only
 * for an account whose address is proven (email signup), so no one can take another's address.
 */
export function looksLikeEmail(username: string): boolean {
  return /.@./u.test(normalizeUsername(username));
}

/** A signup waiting for its first passkey: the user handle is chosen now, the account made at verify. */
export function pendingSignup(
  username: string,
  displayName: string | undefined,
  email?: string,
): PendingSignup {
  return {
    ...(email === undefined ? {} : {email}),
    username,
    usernameNormalized: normalizeUsername(username),
    displayName: displayName ?? username,
    // 32 random bytes: within WebAuthn's 64-byte limit, and carrying nothing about the user.
    webauthnUserId: randomBytes(32).toString('base64url'),
  };
}

export function userFromSignup(signup: PendingSignup, createdAt: Date): UserRecord {
  return {
    id: randomUUID(),
    username: signup.username,
    usernameNormalized: signup.usernameNormalized,
    displayName: signup.displayName,
    webauthnUserId: signup.webauthnUserId,
    createdAt,
    email: signup.email ?? null,
  };
}
