// What a site downloads, measured once for every consumer: `npm run size` (scripts/size.mjs),
// `npm run bench` (bench/run.mjs, which also loads these very bytes in Chromium) and the budget
// test (test/node/size-budget.test.ts).
//
// Every entry is bundled with esbuild (bundle + minify, ESM, tsconfig honored, all dependencies
// included), with the kit's html``/css`` literals minified as the shipped builds do
// (scripts/minify-templates.mjs), and measured minified, gzip -9 and brotli q11. Budgets are on
// brotli bytes (1 kB = 1000 bytes).
//
// The kit's package.json marks the built define modules as having side effects (the rest of
// the package is side-effect free). We bundle from src/, so the same marking is applied to the
// matching src files; otherwise esbuild would drop a bare `import './define.ts'`.
//
// Locale modules (src/locales/<locale>.ts, written by `npm run localize:build`: lit-localize
// build, then scripts/pack-locales.mjs) are measured as what they add to a page that already has
// the kit: lit and @lit/localize stay external. Each holds only its texts; the message ids are
// one shared module (src/locales/ids.ts), fetched with the first locale a page loads, measured
// on its own line with no budget of its own (the issue's budget is per locale).

import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {basename, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import * as esbuild from 'esbuild';
import {minifyTemplatesPlugin} from './minify-templates.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const KB = 1000;

const LOGIN = 'src/elements/passkey-login/define.ts';
const REGISTER = 'src/elements/passkey-register/define.ts';
const KIT = 'src/define.ts';
const LOCALES_DIR = 'src/locales';
/** The shared message id table beside the locale modules (scripts/pack-locales.mjs). */
const LOCALE_IDS = `${LOCALES_DIR}/ids.ts`;
/** Files beside the locale modules that are not locales themselves. */
const NOT_LOCALES = new Set(['index.ts', 'locale-codes.ts', 'ids.ts']);

export const LOCALE_BUDGET = 1.6 * KB;
/** The name of the shared id table's row. */
export const LOCALE_IDS_ENTRY = 'locale ids (shared, with the first locale)';
// The ceilings issue #15 set. The elements call navigator.credentials themselves
// (src/core/webauthn/ceremonies.ts) with @simplewebauthn/browser's encoders, instead of its
// startRegistration()/startAuthentication(), whose English error explanations the kit never
// showed (about 1.3 kB of the whole kit).
export const BUDGETS = [
  {entry: 'passkey-login', maxBrotli: 11 * KB},
  {entry: 'passkey-login + passkey-register', maxBrotli: 12 * KB},
  {entry: 'whole kit (src/define.ts)', maxBrotli: 17 * KB},
];

/** Where the baseline for "what grew" lives (`npm run size -- --update-baseline` writes it). */
export const BASELINE_FILE = join(root, 'bench/size-baseline.json');

/** package.json "sideEffects" globs for dist/*.js, as regexps over the src/*.ts they come from. */
const sideEffectFiles = (Array.isArray(pkg.sideEffects) ? pkg.sideEffects : [])
  .filter((p) => p.startsWith('./dist/') && p.endsWith('.js'))
  .map((p) => {
    const src = `src/${p.slice('./dist/'.length, -'.js'.length)}.ts`;
    const pattern = src
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    return new RegExp(`^${pattern}$`);
  });

const markSideEffects = {
  name: 'mark-define-side-effects',
  setup(build) {
    build.onResolve({filter: /^\./}, async (args) => {
      if (args.pluginData?.markSideEffects) return undefined;
      const result = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: {markSideEffects: true},
      });
      if (result.errors.length > 0) return {errors: result.errors};
      const rel = relative(root, result.path).split('\\').join('/');
      if (sideEffectFiles.some((re) => re.test(rel))) return {...result, sideEffects: true};
      return result;
    });
  },
};

/** Element folders under src/elements that have a define.ts, sorted. */
export function elementTags() {
  const dir = join(root, 'src/elements');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {withFileTypes: true})
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'define.ts')))
    .map((d) => d.name)
    .sort();
}

/** Locale modules in src/locales (not ids.ts), as `{locale, file}`, sorted. Empty when there are none yet. */
export function localeModules() {
  const dir = join(root, LOCALES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {withFileTypes: true})
    .filter(
      (d) =>
        d.isFile() &&
        d.name.endsWith('.ts') &&
        !d.name.endsWith('.d.ts') &&
        !NOT_LOCALES.has(d.name),
    )
    .map((d) => ({locale: basename(d.name, '.ts'), file: `${LOCALES_DIR}/${d.name}`}))
    .sort((a, b) => a.locale.localeCompare(b.locale));
}

/**
 * The measured entries. `kind`: 'element', 'combo', 'kit', 'locale', 'locale-ids' or 'reference'.
 * @returns {{ list: { name: string, kind: string, files: string[], code?: string, external?: string[] }[], missing: string[] }}
 */
export function entries() {
  const list = [];
  const missing = [];
  const add = (name, kind, files, extra = {}) => {
    const absent = files.filter((f) => !existsSync(join(root, f)));
    if (absent.length) missing.push(`${name} (missing ${absent.join(', ')})`);
    else list.push({name, kind, files, ...extra});
  };

  const tags = elementTags();
  // The two elements a sign-in page uses first, then every other element folder.
  add('passkey-login', 'element', [LOGIN]);
  add('passkey-register', 'element', [REGISTER]);
  add('passkey-login + passkey-register', 'combo', [LOGIN, REGISTER]);
  for (const tag of tags.filter((t) => t !== 'passkey-login' && t !== 'passkey-register')) {
    add(tag, 'element', [`src/elements/${tag}/define.ts`]);
  }
  add('whole kit (src/define.ts)', 'kit', [KIT]);
  const locales = localeModules();
  for (const {locale, file} of locales) {
    add(`locale: ${locale}`, 'locale', [file], {external: ['lit', 'lit/*', '@lit/localize']});
  }
  if (locales.length)
    add(LOCALE_IDS_ENTRY, 'locale-ids', [LOCALE_IDS], {
      external: ['lit', 'lit/*', '@lit/localize'],
    });
  list.push({
    name: 'ref: lit (all exports)',
    kind: 'reference',
    code: "export * from 'lit';",
    files: [],
  });
  list.push({
    name: 'ref: lit + @simplewebauthn/browser (all exports)',
    kind: 'reference',
    code: "export * from 'lit';\nexport * from '@simplewebauthn/browser';",
    files: [],
  });
  return {list, missing};
}

/**
 * Bundles one entry as a site would load it. Returns the bytes and, per input file, the bytes it
 * contributes to the minified output (esbuild's metafile), for "what grew".
 * @returns {Promise<{ bytes: Uint8Array, inputs: Record<string, number>, warnings: string[] }>}
 */
export async function bundle(entry) {
  // One file: bundle it as the entry (as a <script type=module> would load it). Several files: a
  // virtual entry that imports them for their effect, as a site's own bundle would.
  const input =
    entry.code !== undefined || entry.files.length !== 1
      ? {
          stdin: {
            contents: entry.code ?? entry.files.map((f) => `import './${f}';`).join('\n'),
            resolveDir: root,
            sourcefile: `<${entry.name}>`,
            loader: 'ts',
          },
        }
      : {entryPoints: [join(root, entry.files[0])]};
  const result = await esbuild.build({
    ...input,
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    tsconfig: join(root, 'tsconfig.json'),
    legalComments: 'none',
    external: entry.external ?? [],
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [markSideEffects, minifyTemplatesPlugin],
  });
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = {};
  for (const [path, {bytesInOutput}] of Object.entries(output?.inputs ?? {})) {
    // Dependencies by their path from node_modules on, wherever (or through whichever symlink)
    // they were resolved, so that runs on different checkouts compare.
    const i = path.lastIndexOf('node_modules/');
    if (bytesInOutput > 0) inputs[i >= 0 ? path.slice(i) : path] = bytesInOutput;
  }
  return {
    bytes: result.outputFiles[0].contents,
    inputs,
    warnings: result.warnings.map((w) => w.text),
  };
}

export function measure(bytes) {
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, {level: 9}).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/**
 * Bundles and measures every entry.
 * @returns {Promise<{ rows: { entry, size: {minified:number,gzip:number,brotli:number}, inputs: Record<string,number>, bytes: Uint8Array }[], missing: string[], errors: string[], warnings: string[] }>}
 */
export async function measureAll() {
  const {list, missing} = entries();
  const rows = [];
  const errors = [];
  const warnings = [];
  for (const entry of list) {
    try {
      const built = await bundle(entry);
      warnings.push(...built.warnings.map((w) => `${entry.name}: ${w}`));
      rows.push({entry, size: measure(built.bytes), inputs: built.inputs, bytes: built.bytes});
    } catch (error) {
      const detail = error.errors
        ?.map((e) => `${e.location?.file ?? ''}:${e.location?.line ?? ''} ${e.text}`)
        .join('\n  ');
      errors.push(`could not bundle ${entry.name}:\n  ${detail || error.message}`);
    }
  }
  return {rows, missing, errors, warnings};
}

/** Every budget that applies to the measured rows: the fixed ones plus one per locale module. */
export function budgetsFor(rows) {
  return [
    ...BUDGETS,
    ...rows
      .filter((r) => r.entry.kind === 'locale')
      .map((r) => ({entry: r.entry.name, maxBrotli: LOCALE_BUDGET})),
  ];
}

export function readBaseline() {
  if (!existsSync(BASELINE_FILE)) return null;
  try {
    return JSON.parse(readFileSync(BASELINE_FILE, 'utf8'));
  } catch {
    return null;
  }
}

/** The baseline file's contents for these rows: brotli bytes and per-input minified bytes. */
export function baselineOf(rows) {
  const entries = {};
  for (const r of rows) {
    if (r.entry.kind === 'reference') continue;
    entries[r.entry.name] = {brotli: r.size.brotli, minified: r.size.minified, inputs: r.inputs};
  }
  return {
    note: 'Written by `npm run size -- --update-baseline`; used to name what grew when a budget fails.',
    entries,
  };
}

const shortPath = (p) => p.replace(/^node_modules\//, '').replace(/^<stdin>$/, '(entry)');

/**
 * What grew in a row: against the baseline when it has this entry (per input, minified bytes
 * in the output, largest growth first, new inputs included), else its largest inputs.
 */
export function whatGrew(row, baseline, limit = 5) {
  const before = baseline?.entries?.[row.entry.name];
  if (before) {
    const deltas = [];
    const paths = new Set([...Object.keys(before.inputs ?? {}), ...Object.keys(row.inputs)]);
    for (const p of paths) {
      const d = (row.inputs[p] ?? 0) - (before.inputs?.[p] ?? 0);
      if (d > 0) deltas.push([p, d, !(p in (before.inputs ?? {}))]);
    }
    deltas.sort((a, b) => b[1] - a[1]);
    const parts = deltas
      .slice(0, limit)
      .map(([p, d, isNew]) => `${shortPath(p)} +${d} B${isNew ? ' (new)' : ''}`);
    const brotliDelta = row.size.brotli - before.brotli;
    return (
      `since the baseline: ${brotliDelta >= 0 ? '+' : ''}${brotliDelta} B brotli, ` +
      `${row.size.minified - before.minified >= 0 ? '+' : ''}${row.size.minified - before.minified} B minified; ` +
      (parts.length ? `grew (minified): ${parts.join(', ')}` : 'no input grew (minified)')
    );
  }
  const largest = Object.entries(row.inputs)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([p, n]) => `${shortPath(p)} ${n} B`);
  return `no baseline for it; largest inputs (minified): ${largest.join(', ')}`;
}

/**
 * Checks the budgets. Each result says ok or not; a breach names the entry, its size, the
 * budget, and what grew.
 * @returns {{ entry: string, maxBrotli: number, brotli: number|null, ok: boolean, message: string }[]}
 */
export function checkBudgets(rows, baseline = readBaseline()) {
  return budgetsFor(rows).map((budget) => {
    const row = rows.find((r) => r.entry.name === budget.entry);
    if (!row) {
      return {
        ...budget,
        brotli: null,
        ok: true,
        message: `${budget.entry}: not measured (entry missing), budget ${budget.maxBrotli} B`,
      };
    }
    const margin = budget.maxBrotli - row.size.brotli;
    const ok = margin >= 0;
    const message = ok
      ? `${budget.entry}: ${row.size.brotli} B, budget ${budget.maxBrotli} B (${margin} B to spare)`
      : `${budget.entry} is ${row.size.brotli} B brotli, over its ${budget.maxBrotli} B budget by ${-margin} B; ${whatGrew(row, baseline)}`;
    return {...budget, brotli: row.size.brotli, ok, message};
  });
}

export const kB = (n) => `${(n / KB).toFixed(2)} kB`;
