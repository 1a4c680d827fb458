import {msg} from './localize.js';

/**
 * The localized sentence for an error code. Call it while rendering (or when the event that
 * reports the error is fired), never at import time: the locale may change.
 */
export function errorMessage(code: string): string {
  switch (code) {
    case 'network_error':
      return msg('Could not reach the server. Check your connection and try again.');
    case 'bad_response':
    case 'internal':
      return msg('The server had a problem. Please try again later.');
    case 'rate_limited':
      return msg('Too many attempts. Please wait and try again.');
    case 'unauthenticated':
      return msg('Please sign in first.');
    case 'reauth_required':
      return msg('Confirm it is you with your passkey, then try again.');
    case 'user_exists':
      return msg('That username is already taken.');
    case 'credential_exists':
    case 'already_registered':
      return msg('This device already has a passkey for your account.');
    case 'unknown_credential':
      return msg('This passkey is not recognized. It may have been removed.');
    case 'challenge_invalid':
      return msg('This request expired. Please try again.');
    case 'verification_failed':
      return msg('The passkey could not be verified. Please try again.');
    case 'security_error':
    case 'origin_mismatch':
      return msg('Passkeys are not allowed on this address.');
    case 'not_supported':
      return msg('This device cannot create or use a passkey here.');
    case 'invalid_request':
      return msg('Some details were not accepted. Please check them.');
    default:
      return msg('Something went wrong. Please try again.');
  }
}
