/**
 * passkey-elements/testing: Node-side helpers for testing passkeys, in this kit's tests and in a
 * site's own.
 * - `virtualAuthenticator(page)`: a DevTools virtual authenticator in a Playwright page.
 * - `webauthnPlugin()`: the same for Web Test Runner, driven from the page through
 *   `executeServerCommand('webauthn:…')`.
 * - `VirtualAuthenticator`: either of them over any CDP session.
 * - `FirefoxVirtualAuthenticator`, `FIREFOX_WEBAUTHN_LAUNCH`: Firefox's own authenticator over
 *   WebDriver BiDi (what `webauthnPlugin()` uses when the launcher drives Firefox).
 * - `SoftAuthenticator`: a software authenticator in Node (no browser), e.g. to drive a backend
 *   over HTTP; the conformance kit (`passkey-elements-conformance`) runs on it.
 * - `runConformance()`: the conformance checks, for a test runner rather than the command line.
 */
export * from './virtual-authenticator.js';
export * from './firefox.js';
export * from './playwright.js';
export * from './web-test-runner.js';
export * from './soft-authenticator.js';
export * from './conformance.js';
