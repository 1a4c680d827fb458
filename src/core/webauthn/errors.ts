import {PasskeyError} from '../client/passkey-error.js';

/** Codes that mean "the user or the page stopped it", not "it broke". */
export const isCancel = (code: string) => code === 'cancelled' || code === 'aborted';

/**
 * Turns anything a ceremony can throw into a `PasskeyError` with a stable code:
 * the backend's contract codes pass through; the browser's DOMExceptions map by name to
 * `cancelled`, `aborted`, `already_registered`, `security_error`, `not_supported` or `unknown`.
 */
const codes: Record<string, string> = {
  AbortError: 'aborted',
  NotAllowedError: 'cancelled',
  InvalidStateError: 'already_registered',
  SecurityError: 'security_error',
  NotSupportedError: 'not_supported',
  ConstraintError: 'not_supported',
};

export function toPasskeyError(e: unknown): PasskeyError {
  if (e instanceof PasskeyError) return e;
  const err = e as {name?: string; message?: string} | undefined;
  return new PasskeyError(codes[err?.name ?? ''] ?? 'unknown', err?.message ?? String(e));
}
