// The pages the bench loads: one per element for the first render (and the bare Lit element's),
// and the two ceremony pages, each starting with an inline probe that times it.

/** The inline script every first-render page starts with: start mark, then watch for the render. */
const renderProbe = (tag) => `
performance.mark('bench-start');
(() => {
  const t0 = performance.now();
  const tag = ${JSON.stringify(tag)};
  const rendered = (root) => !!root && root.querySelector(':not(style)') !== null;
  const q = new URLSearchParams(location.search);
  const report = (r) => navigator.sendBeacon(q.get('report'), JSON.stringify({ id: q.get('id'), ...r }));
  {
    const timer = setTimeout(() => report({ error: tag + ': no render within 10 s' }), 10000);
    customElements.whenDefined(tag).then(() => {
      const definedAt = performance.now();
      const el = document.querySelector(tag);
      const finish = () => {
        const now = performance.now();
        performance.mark('bench-end');
        clearTimeout(timer);
        // The module script's bytes have arrived at responseEnd (Resource Timing): from there on
        // it is parse, evaluation, define and the first update, without the local fetch.
        const script = document.querySelector('script[type=module]').src;
        const entry = performance.getEntriesByName(script, 'resource')[0];
        // The preload scanner often has the script before this inline script runs: start at
        // whichever comes later.
        const from = Math.max(entry.responseEnd, t0);
        // Reported to the bench's collector (its address is in the query string), so that no
        // DevTools session needs to be attached to the page (see firstRender).
        report({
          ms: now - from,
          fromStartMs: now - t0,
          definedMs: definedAt - from,
          receivedMs: entry.responseEnd - t0,
        });
      };
      if (rendered(el.shadowRoot)) return finish();
      if (el.shadowRoot) {
        const mo = new MutationObserver(() => {
          if (rendered(el.shadowRoot)) { mo.disconnect(); finish(); }
        });
        mo.observe(el.shadowRoot, {childList: true, subtree: true});
      } else {
        const poll = () => (rendered(el.shadowRoot) ? finish() : requestAnimationFrame(poll));
        poll();
      }
    });
  }
})();`;

export const renderPage = (tag, script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>first render: ${tag}</title>
<script>${renderProbe(tag)}</script>
<script type="module" src="./${script}"></script>
</head><body><${tag}></${tag}></body></html>
`;

/** The inline script both ceremony pages start with: click → done, timed the same way. */
export const ceremonyProbe = (done, failures) => `
window.__benchClick = null;
addEventListener('click', () => { window.__benchClick = performance.now(); }, true);
window.__benchArm = () => new Promise((resolve, reject) => {
  document.addEventListener(${JSON.stringify(done)}, (e) => {
    resolve({ms: performance.now() - window.__benchClick, user: e.detail.user});
  }, {once: true});
  for (const name of ${JSON.stringify(failures)}) {
    document.addEventListener(name, (e) => reject(new Error(name + ' ' + JSON.stringify(e.detail))), {once: true});
  }
});`;

export const ceremonyPage = (title, probe, script, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>${probe}</script>
<script type="module" src="./${script}"></script>
</head><body>${body}</body></html>
`;
