#!/usr/bin/env node
// npm run size: what a site downloads for each entry, against the budgets; a breach exits 1 and
// names what grew. The measuring lives in scripts/size-lib.mjs (shared with `npm run bench` and
// test/node/size-budget.test.ts).
//
//   npm run size                           the table and the budgets
//   npm run size -- --json                 the same as JSON on stdout
//   npm run size -- --update-baseline      also write bench/size-baseline.json (per-input bytes,
//                                          the reference a failing budget is compared with)

import {writeFileSync} from 'node:fs';
import {BASELINE_FILE, baselineOf, checkBudgets, kB, measureAll} from './size-lib.mjs';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');

const {rows, missing, errors, warnings} = await measureAll();
const budgets = checkBudgets(rows);
const breaches = budgets.filter((b) => !b.ok);

if (args.has('--update-baseline')) {
  writeFileSync(BASELINE_FILE, `${JSON.stringify(baselineOf(rows), null, 2)}\n`);
  if (!json) console.log(`wrote ${BASELINE_FILE}`);
}

if (json) {
  const out = {
    entries: rows.map(({entry, size}) => ({
      name: entry.name,
      kind: entry.kind,
      files: entry.files,
      ...size,
    })),
    budgets,
    missing,
    errors,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  for (const w of warnings) console.warn(`warning (${w})`);
  for (const m of missing) console.log(`skipped: ${m}`);
  for (const e of errors) console.error(`error: ${e}`);

  const header = ['entry', 'minified', 'gzip -9', 'brotli q11'];
  const table = rows.map(({entry, size}) => [
    entry.name,
    kB(size.minified),
    kB(size.gzip),
    kB(size.brotli),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));

  console.log('\nbudgets (brotli q11, 1 kB = 1000 bytes):');
  for (const b of budgets)
    console.log(`  ${b.brotli == null ? '-   ' : b.ok ? 'ok  ' : 'OVER'} ${b.message}`);
  // The shared id table has no budget of its own; what the first locale on a page costs is said.
  const ids = rows.find((r) => r.entry.kind === 'locale-ids');
  const largest = rows
    .filter((r) => r.entry.kind === 'locale')
    .sort((a, b) => b.size.brotli - a.size.brotli)[0];
  if (ids && largest) {
    console.log(
      `  info ${ids.entry.name}: ${ids.size.brotli} B, fetched once per page with the first locale ` +
        `(first locale with it: at most ${ids.size.brotli + largest.size.brotli} B, ${largest.entry.name.replace(/^locale: /, '')})`,
    );
  }
  if (breaches.length)
    console.error(`\nsize budget breached:\n  ${breaches.map((b) => b.message).join('\n  ')}`);
}

process.exit(breaches.length || errors.length ? 1 : 0);
