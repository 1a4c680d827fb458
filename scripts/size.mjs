#!/usr/bin/env node
// npm run size: what a site downloads for each entry. Every entry is bundled with esbuild
// (bundle + minify, ESM, tsconfig honored, all dependencies included) and measured minified,
// gzip -9 and brotli q11. Budgets are on brotli bytes (1 kB = 1000 bytes); a breach exits 1.
//
// The kit's package.json marks the built define modules as having side effects (the rest of
// the package is side-effect free). We bundle from src/, so the same marking is applied to the
// matching src files; otherwise esbuild would drop a bare `import './define.ts'`.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const KB = 1000;

const LOGIN = 'src/elements/passkey-login/define.ts';
const REGISTER = 'src/elements/passkey-register/define.ts';
const KIT = 'src/define.ts';

const BUDGETS = [
  { entry: 'passkey-login', maxBrotli: 10 * KB },
  { entry: 'passkey-login + passkey-register', maxBrotli: 11 * KB },
  { entry: 'whole kit (src/define.ts)', maxBrotli: 16 * KB },
];

/** package.json "sideEffects" globs for dist/*.js, as regexps over the src/*.ts they come from. */
const sideEffectFiles = (Array.isArray(pkg.sideEffects) ? pkg.sideEffects : [])
  .filter((p) => p.startsWith('./dist/') && p.endsWith('.js'))
  .map((p) => {
    const src = `src/${p.slice('./dist/'.length, -'.js'.length)}.ts`;
    const pattern = src.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
    return new RegExp(`^${pattern}$`);
  });

const markSideEffects = {
  name: 'mark-define-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData?.markSideEffects) return undefined;
      const result = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { markSideEffects: true },
      });
      if (result.errors.length > 0) return { errors: result.errors };
      const rel = relative(root, result.path).split('\\').join('/');
      if (sideEffectFiles.some((re) => re.test(rel))) return { ...result, sideEffects: true };
      return result;
    });
  },
};

/** @returns {{ name: string, files: string[], code?: string, reference?: boolean }[]} */
function entries() {
  const list = [];
  const missing = [];
  const add = (name, files, extra = {}) => {
    const absent = files.filter((f) => !existsSync(join(root, f)));
    if (absent.length) missing.push(`${name} (missing ${absent.join(', ')})`);
    else list.push({ name, files, ...extra });
  };

  add('passkey-login', [LOGIN]);
  add('passkey-register', [REGISTER]);
  add('passkey-login + passkey-register', [LOGIN, REGISTER]);
  const elementsDir = join(root, 'src/elements');
  const others = existsSync(elementsDir)
    ? readdirSync(elementsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && d.name !== 'passkey-login' && d.name !== 'passkey-register')
        .map((d) => d.name)
        .sort()
    : [];
  for (const tag of others) add(tag, [`src/elements/${tag}/define.ts`]);
  add('whole kit (src/define.ts)', [KIT]);
  list.push({ name: 'ref: lit (all exports)', code: "export * from 'lit';", files: [], reference: true });
  list.push({
    name: 'ref: lit + @simplewebauthn/browser (all exports)',
    code: "export * from 'lit';\nexport * from '@simplewebauthn/browser';",
    files: [],
    reference: true,
  });
  return { list, missing };
}

async function bundle(entry) {
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
      : { entryPoints: [join(root, entry.files[0])] };
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
    write: false,
    logLevel: 'silent',
    plugins: [markSideEffects],
  });
  for (const w of result.warnings) {
    console.warn(`warning (${entry.name}): ${w.text}`);
  }
  return result.outputFiles[0].contents;
}

function measure(bytes) {
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

const kB = (n) => `${(n / KB).toFixed(2)} kB`;

const { list, missing } = entries();
for (const m of missing) console.log(`skipped: ${m}`);

const rows = [];
let buildFailed = false;
for (const entry of list) {
  try {
    rows.push({ entry, size: measure(await bundle(entry)) });
  } catch (error) {
    buildFailed = true;
    const detail = error.errors?.map((e) => `${e.location?.file ?? ''}:${e.location?.line ?? ''} ${e.text}`).join('\n  ');
    console.error(`error: could not bundle ${entry.name}:\n  ${detail || error.message}`);
  }
}

const header = ['entry', 'minified', 'gzip -9', 'brotli q11'];
const table = rows.map(({ entry, size }) => [entry.name, kB(size.minified), kB(size.gzip), kB(size.brotli)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`\n${line(header)}`);
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(line(r));

console.log('\nbudgets (brotli q11, 1 kB = 1000 bytes):');
const breaches = [];
for (const budget of BUDGETS) {
  const row = rows.find((r) => r.entry.name === budget.entry);
  if (!row) {
    console.log(`  -    ${budget.entry}: not measured (entry missing), budget ${budget.maxBrotli} B`);
    continue;
  }
  const ok = row.size.brotli <= budget.maxBrotli;
  const margin = budget.maxBrotli - row.size.brotli;
  console.log(
    `  ${ok ? 'ok  ' : 'OVER'} ${budget.entry}: ${row.size.brotli} B, budget ${budget.maxBrotli} B` +
      (ok ? ` (${margin} B to spare)` : ` (over by ${-margin} B)`),
  );
  if (!ok) breaches.push(`${budget.entry} is ${row.size.brotli} B brotli, over its ${budget.maxBrotli} B budget by ${-margin} B`);
}

if (breaches.length) {
  console.error(`\nsize budget breached:\n  ${breaches.join('\n  ')}`);
  process.exit(1);
}
if (buildFailed) process.exit(1);
