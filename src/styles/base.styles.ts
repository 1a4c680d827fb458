import {css} from 'lit';

/**
 * Shared look of every element. Public `--passkey-*` custom properties feed private `--_*`
 * ones whose defaults are written inline, so no theme file is needed; dark defaults follow
 * `prefers-color-scheme`. Kept to one rule a line: CSS in a template literal is not minified
 * by the bundlers sites use, and every byte here ships to every page.
 */
export const baseStyles = css`
:host{--_fg:var(--passkey-color-text,#1b1b1f);--_bg:var(--passkey-color-surface,#fff);--_muted:var(--passkey-color-muted,#5d5e66);--_border:var(--passkey-color-border,#8e8f99);--_primary:var(--passkey-color-primary,#2b59c3);--_on-primary:var(--passkey-color-on-primary,#fff);--_error:var(--passkey-color-error,#b3261e);--_radius:var(--passkey-radius,.5rem);--_gap:var(--passkey-spacing,.75rem);display:block;color:var(--_fg);font:var(--passkey-font-size,1rem)/1.4 var(--passkey-font-family,system-ui,sans-serif)}
@media (prefers-color-scheme:dark){:host{--_fg:var(--passkey-color-text,#e4e2e6);--_bg:var(--passkey-color-surface,#1b1b1f);--_muted:var(--passkey-color-muted,#c6c6d0);--_primary:var(--passkey-color-primary,#b1c5ff);--_on-primary:var(--passkey-color-on-primary,#002c71);--_error:var(--passkey-color-error,#ffb4ab)}}
:host([hidden]){display:none}
form{display:grid;gap:var(--_gap)}
label{display:grid;gap:calc(var(--_gap)/3)}
input,button{font:inherit;border-radius:var(--_radius);padding:.6em .9em;color:var(--_fg);background:var(--_bg);border:1px solid var(--_border)}
button{color:var(--_on-primary);background:var(--_primary);border-color:transparent;font-weight:600;cursor:pointer}
[aria-disabled=true]{cursor:progress;opacity:.7}
:focus-visible{outline:2px solid transparent;box-shadow:var(--passkey-focus-ring,0 0 0 3px color-mix(in srgb,var(--_primary) 45%,transparent))}
[role=status]{color:var(--_muted)}
[role=alert]{color:var(--_error)}
[role]:not(:empty){margin-top:calc(var(--_gap)/2)}
`;
