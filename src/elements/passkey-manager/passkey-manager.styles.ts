import {css} from 'lit';

/** The list of passkeys and the recovery codes. One rule a line: see base.styles.ts. */
export const managerStyles = css`
ul{list-style:none;margin:0;padding:0;display:grid;gap:var(--_gap)}
li{display:flex;flex-wrap:wrap;align-items:center;gap:calc(var(--_gap)/2) var(--_gap);padding:var(--_gap);border:1px solid var(--_border);border-radius:var(--_radius)}
li>div{flex:1 1 12rem;display:grid}
li form{flex:1 1 100%}
[part~=item-name]{font-weight:600}
[part~=item-meta]{color:var(--_muted);font-size:.875em}
img{width:2rem;height:2rem}
[part~=actions]{display:flex;flex-wrap:wrap;gap:var(--_gap);margin-block-start:var(--_gap)}
[part~=rename-button],[part~=delete-button],[part~=cancel-button],[part~=copy-button],[part~=download-button]{color:var(--_primary);background:none;border-color:currentColor;padding:.3em .7em}
[part~=codes] ol{font-family:ui-monospace,monospace;columns:2}
`;
