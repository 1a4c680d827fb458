import type {ContentfulStatusCode} from 'hono/utils/http-status';
import type {ErrorResponse} from 'passkey-elements/contract';

/** The contract's error codes (CONTRACT.md, "Errors"). */
export type ErrorCode =
  | 'invalid_request'
  | 'challenge_invalid'
  | 'verification_failed'
  /** 400: the email code is expired, used up or was tried too often (`/signup/email/verify`). */
  | 'code_expired'
  | 'unauthenticated'
  /** 401: a sensitive call whose session has no recent passkey verification (`/reauth/*`). */
  | 'reauth_required'
  | 'origin_mismatch'
  | 'forbidden'
  | 'not_found'
  | 'unknown_credential'
  | 'credential_exists'
  | 'user_exists'
  | 'last_passkey'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal'
  /** 503: the database is out of reach (the reference backend's addition to the contract's list). */
  | 'unavailable';

/** The body of every non-2xx answer. */
export interface ErrorBody extends ErrorResponse {
  error: {code: ErrorCode; message: string};
  /** Only with `unknown_credential`: the credential id the assertion named. */
  credentialId?: string;
}

/**
 * An error meant for the client: thrown anywhere in a handler, written by the app's one error
 * mapper as `{"error": {"code", "message"}, ...extra}` with `status`.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  /** Extra top-level body fields, e.g. `{credentialId}` with `unknown_credential`. */
  readonly extra: Omit<ErrorBody, 'error'>;
  /** Extra response headers, e.g. `Retry-After` with `rate_limited`. */
  readonly headers: Record<string, string>;

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    options: {
      extra?: Omit<ErrorBody, 'error'>;
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(message, 'cause' in options ? {cause: options.cause} : undefined);
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  body(): ErrorBody {
    return {error: {code: this.code, message: this.message}, ...this.extra};
  }
}

/** Shorthands for the common cases. */
export const invalidRequest = (message: string) => new ApiError(400, 'invalid_request', message);
export const challengeInvalid = (
  message = 'The challenge is unknown, expired, already used or for another purpose',
) => new ApiError(400, 'challenge_invalid', message);
export const verificationFailed = (message: string, cause?: unknown) =>
  new ApiError(400, 'verification_failed', message, cause === undefined ? {} : {cause});
export const unauthenticated = (message = 'Sign in first') =>
  new ApiError(401, 'unauthenticated', message);
export const reauthRequired = (
  message = 'Confirm it is you with your passkey first (POST /reauth/options, /reauth/verify)',
) => new ApiError(401, 'reauth_required', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
