import type {Passkey, User} from '../core/client/types.js';

/** `passkey-start`: a ceremony began (user action). */
export interface PasskeyStartDetail {
  ceremony: 'registration' | 'authentication';
}
/** `passkey-authenticated`: the backend accepted the assertion and started a session. */
export interface PasskeyAuthenticatedDetail {
  user: User;
  factor: 'passkey' | 'mfa';
}
/** `passkey-registered`: the backend stored a new passkey. */
export interface PasskeyRegisteredDetail {
  passkey: Passkey;
  user: User;
}
/** `passkey-updated`: a passkey was renamed. */
export interface PasskeyUpdatedDetail {
  passkey: Passkey;
}
/** `passkey-deleted`: a passkey was deleted. */
export interface PasskeyDeletedDetail {
  id: string;
}
/** `passkey-confirmed`: the signed-in user confirmed it is them with a passkey (step-up). */
export interface PasskeyConfirmedDetail {
  /** ISO 8601: when the backend recorded the verification. */
  verifiedAt: string;
  /**
   * Short-lived and single-use, bound to this session, this user and `action`: hand it to your
   * own backend, which checks it before the sensitive action.
   */
  stepUpToken: string;
  /** The `action` the user confirmed (the element's attribute), or `null`. */
  action: string | null;
}
/** `passkey-cancel`: the user dismissed the prompt (or it was aborted). */
export interface PasskeyCancelDetail {
  code: string;
}
/** `passkey-error`: a stable code and the localized message shown to the user. */
export interface PasskeyErrorDetail {
  code: string;
  message: string;
}

/**
 * Every event the kit fires, with its `detail`. All bubble and are composed.
 */
export interface PasskeyEventMap {
  'passkey-start': CustomEvent<PasskeyStartDetail>;
  'passkey-authenticated': CustomEvent<PasskeyAuthenticatedDetail>;
  'passkey-registered': CustomEvent<PasskeyRegisteredDetail>;
  'passkey-updated': CustomEvent<PasskeyUpdatedDetail>;
  'passkey-deleted': CustomEvent<PasskeyDeletedDetail>;
  'passkey-confirmed': CustomEvent<PasskeyConfirmedDetail>;
  'passkey-cancel': CustomEvent<PasskeyCancelDetail>;
  'passkey-error': CustomEvent<PasskeyErrorDetail>;
  'passkey-unsupported': CustomEvent<Record<string, never>>;
}

/**
 * The names of every event in `PasskeyEventMap`, for a page that listens to all of them (an
 * event log, analytics): `for (const name of passkeyEventNames) el.addEventListener(name, log)`.
 */
export const passkeyEventNames = [
  'passkey-start',
  'passkey-authenticated',
  'passkey-registered',
  'passkey-updated',
  'passkey-deleted',
  'passkey-confirmed',
  'passkey-cancel',
  'passkey-error',
  'passkey-unsupported',
] as const satisfies readonly (keyof PasskeyEventMap)[];

// The list names every event of the map: this fails to compile when one is missing.
true satisfies Exclude<keyof PasskeyEventMap, (typeof passkeyEventNames)[number]> extends never
  ? true
  : false;

/**
 * Events the page fires for the kit. `passkey-signed-out`, dispatched on `document` after the
 * page signs the user out (`document.dispatchEvent(new Event('passkey-signed-out'))`): every
 * connected element forgets its finished flow, as its `reset()` does.
 */
export interface PasskeyPageEventMap {
  'passkey-signed-out': Event;
}

export type PasskeyEventName = keyof PasskeyEventMap;
export type PasskeyEventDetail<K extends PasskeyEventName> =
  PasskeyEventMap[K] extends CustomEvent<infer D> ? D : never;

declare global {
  interface GlobalEventHandlersEventMap extends PasskeyEventMap, PasskeyPageEventMap {}
}
