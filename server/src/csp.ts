/**
 * The Content-Security-Policy docs/ssr-csp.md recommends for a page with the elements: no inline
 * script or style, Trusted Types enforced with only Lit's policy (`lit-html`) allowed, plus any
 * `trustedTypes` policies a framework creates of its own. The demo server (main.ts) sends it with
 * every static file, and the Node tests serve their pages under it.
 */
export function strictCsp({trustedTypes = []}: {trustedTypes?: string[]} = {}) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${['lit-html', ...trustedTypes].join(' ')}`,
  ].join('; ');
}
