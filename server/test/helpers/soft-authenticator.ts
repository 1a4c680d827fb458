// The software authenticator lives in src/testing/ (shipped as passkey-elements/testing, and
// used by the conformance CLI); the server tests import it from here.
export * from '../../../src/testing/soft-authenticator.js';
