import {css} from 'lit';

/**
 * Shared look of every element. Public `--passkey-*` custom properties feed private `--_*`
 * ones whose defaults are written inline, so no theme file is needed; light and dark defaults
 * come from `light-dark()`, following the page's `color-scheme` (a page that declares
 * `color-scheme: light dark` follows the user's `prefers-color-scheme`). Kept to one
 * rule a line: CSS in a template literal is not minified by the bundlers sites use, and every
 * byte here ships to every page.
 */
export const baseStyles = css`
:host{--_fg:var(--passkey-color-text,light-dark(#1b1b1f,#e4e2e6));--_bg:var(--passkey-color-surface,light-dark(#fff,#1b1b1f));--_muted:var(--passkey-color-muted,light-dark(#5d5e66,#c6c6d0));--_border:var(--passkey-color-border,#8e8f99);--_primary:var(--passkey-color-primary,light-dark(#2b59c3,#b1c5ff));--_on-primary:var(--passkey-color-on-primary,light-dark(#fff,#002c71));--_error:var(--passkey-color-error,light-dark(#b3261e,#ffb4ab));--_radius:var(--passkey-radius,.5rem);--_gap:var(--passkey-spacing,.75rem);display:block;color:var(--_fg);font:var(--passkey-font-size,1rem)/1.4 var(--passkey-font-family,system-ui,sans-serif)}
:host([hidden]){display:none}
form{display:grid;gap:var(--_gap)}
label{display:grid;gap:calc(var(--_gap)/3)}
input,button{font:inherit;border-radius:var(--_radius);padding:.6em .9em;color:var(--_fg);background:var(--_bg);border:1px solid var(--_border)}
button{color:var(--_on-primary);background:var(--_primary);border-color:transparent;font-weight:600;cursor:pointer}
[aria-disabled=true]{cursor:progress;opacity:.7}
:focus-visible{outline:2px solid transparent;box-shadow:var(--passkey-focus-ring,0 0 0 3px color-mix(in srgb,var(--_primary) 45%,transparent))}
[role=status]{color:var(--_muted)}
[role=alert]{color:var(--_error)}
[role]:not(:empty){margin-block-start:calc(var(--_gap)/2)}
`;
