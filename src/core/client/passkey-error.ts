/**
 * The one error type the kit's layers hand each other: a stable `code` (a contract error
 * code, a browser failure such as `cancelled`, or `network_error` / `bad_response`) and a
 * message meant for logs. The user-facing text comes from the code, localized.
 */
export class PasskeyError extends Error {
  constructor(
    readonly code: string,
    message = code,
    /** With `unknown_credential`: the credential the backend does not know. */
    readonly credentialId?: string,
  ) {
    super(message);
  }
}
