/**
 * A DevTools virtual authenticator for a Playwright page (Chromium only: it is a Chrome DevTools
 * Protocol domain). The page then runs real passkey ceremonies with no prompt:
 *
 * ```js
 * import {virtualAuthenticator} from 'passkey-elements/testing';
 * const authenticator = await virtualAuthenticator(page);
 * await page.getByRole('button', {name: 'Create a passkey'}).click();
 * console.log(await authenticator.credentials());
 * ```
 *
 * The authenticator lives as long as the CDP session made for it: `dispose()` detaches that
 * session, which removes the authenticator and its credentials.
 */
import {
  VirtualAuthenticator,
  type CdpSessionLike,
  type VirtualAuthenticatorOptions,
} from './virtual-authenticator.js';

/** What this helper needs of a Playwright `Page` (structural, so playwright's types are not needed). */
export interface PlaywrightPageLike {
  context(): {newCDPSession(page: never): Promise<CdpSessionLike & {detach(): Promise<void>}>};
}

/** A virtual authenticator with the CDP session that keeps it alive. */
export interface PlaywrightVirtualAuthenticator extends VirtualAuthenticator {
  /** Detaches the CDP session: the authenticator and its credentials are gone. */
  dispose(): Promise<void>;
}

/**
 * Opens a CDP session on `page`, enables WebAuthn and adds a virtual authenticator
 * (`DEFAULT_AUTHENTICATOR`, a platform passkey provider that verifies the user, with `options`
 * on top).
 */
export async function virtualAuthenticator(
  page: PlaywrightPageLike,
  options: VirtualAuthenticatorOptions = {},
): Promise<PlaywrightVirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page as never);
  const authenticator = await VirtualAuthenticator.add(cdp, options);
  return Object.assign(authenticator, {dispose: () => cdp.detach()});
}
