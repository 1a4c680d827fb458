// The bench's table: sizes against their budgets, first render and ceremony against their
// targets, and the server's figures, each section with its own column widths.
import {kB} from '../../scripts/size-lib.mjs';

export function table(results) {
  const {loads, iterations, traced, targets} = results.settings;
  const rows = [];
  // `left`: every column left-aligned (the server's rows are text, not figures).
  const section = (title, cols, left = false) =>
    rows.push({section: title}, {header: true, cells: ['', ...cols], left});
  const row = (cells) => rows.push({cells});

  section('size (esbuild bundle+minify, ESM; 1 kB = 1000 B)', [
    'minified',
    'gzip -9',
    'brotli q11',
    'budget (br)',
    '',
  ]);
  for (const s of results.size.entries) {
    const b = results.size.budgets.find((x) => x.entry === s.name);
    row([
      `  ${s.name}`,
      kB(s.minified),
      kB(s.gzip),
      kB(s.brotli),
      b ? `≤ ${kB(b.maxBrotli)}` : '',
      b ? (b.ok ? 'ok' : 'OVER') : '',
    ]);
  }
  if (!results.size.entries.some((e) => e.kind === 'locale'))
    row(['  (no src/locales/*.ts yet)', '', '', '', '', '']);

  const ms = (n) => `${n.toFixed(1)} ms`;
  // The median with the middle half of the samples (25th–75th percentile) beside it.
  const spread = (x) => `${ms(x.median)} (${x.p25.toFixed(0)}–${x.p75.toFixed(0)})`;
  const ratio = (r) => `${r.toFixed(2)}×`;
  // `paired`: the median of element ÷ bare within each round (loaded moments apart), shown
  // beside the ratio of the medians, which is what the target is judged on.
  section(
    `first render, median (25th–75th pct) of ${loads} fresh loads (bare Lit: ${2 * loads}, two pages), script received → first element in the shadow root`,
    ['element', 'bare Lit', 'ratio', 'paired', 'target', ''],
  );
  for (const r of results.firstRender.elements) {
    row([
      `  <${r.tag}>`,
      spread(r),
      spread(results.firstRender.bare),
      ratio(r.ratio),
      ratio(r.pairedRatio),
      `≤ ${targets.firstRender}×`,
      r.ratio <= targets.firstRender ? 'met' : 'MISSED',
    ]);
  }
  // The control: the bare element's second page against its first (not against the pooled loads).
  const a = results.firstRender.again;
  row([
    '  bare Lit, 2nd page vs 1st (A/A)',
    spread(a),
    spread(a.first),
    ratio(a.ratio),
    ratio(a.pairedRatio),
    '',
    '',
  ]);

  const fc = results.firstRender.cpu;
  if (fc) {
    section(
      `first render, main-thread CPU, median of ${traced} traced loads (bare Lit: ${2 * traced}), start mark → first element in the shadow root`,
      ['element', 'bare Lit', 'ratio'],
    );
    for (const r of fc.elements)
      row([`  <${r.tag}>`, ms(r.median), ms(fc.bare.median), ratio(r.ratio)]);
  }

  const c = results.ceremony;
  section(
    `ceremony, median (25th–75th pct) of ${iterations}, click → signed in (virtual authenticator, reference backend)`,
    ['element', 'bare page', 'ratio', 'paired', 'target', ''],
  );
  row([
    '  <passkey-login discoverable>',
    spread(c.kit),
    spread(c.bare),
    ratio(c.ratio),
    ratio(c.pairedRatio),
    `≤ ${targets.ceremony}×`,
    c.ratio <= targets.ceremony ? 'met' : 'MISSED',
  ]);
  row(['  difference (element − bare)', ms(c.kit.median - c.bare.median), '', '', '', '', '']);

  section('server (npm run bench:server)', ['value'], true);
  if (!results.server.present) row(['  (no bench:server script yet)', '']);
  else if (!results.server.rows.length)
    row([`  (exited ${results.server.exitCode}, no figures)`, '']);
  for (const r of results.server.rows) rows.push({cells: [`  ${r.name}`, r.value], left: true});

  // Column widths per section, so that the long server rows do not widen the other tables.
  const widths = [];
  let width = [];
  for (const r of rows) {
    if (r.section) widths.push((width = []));
    else r.cells.forEach((c, i) => (width[i] = Math.max(width[i] ?? 0, c.length)));
  }
  const out = [];
  for (const r of rows) {
    if (r.section) {
      out.push('', r.section);
      width = widths.shift();
    } else {
      const line = r.cells
        .map((c, i) => (i === 0 || r.left ? c.padEnd(width[i]) : c.padStart(width[i])))
        .join('  ');
      out.push(r.header ? line.trimEnd() : line.trimEnd());
    }
  }
  return out.join('\n');
}
