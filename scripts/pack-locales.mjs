#!/usr/bin/env node
// The pack step of `npm run localize:build`, run after `lit-localize build`.
//
// lit-localize writes one module per locale, `export const templates = {'s<16 hex>': `…`, …}`,
// into its output folder (lit-localize.json "outputDir", a build intermediate that is not
// committed). The ids are hashes of the English text, the same in every locale: written out in
// each module they were about a third of its bytes. This step writes what the kit ships instead,
// into src/locales/:
//
//   ids.ts        export default ['s…', …]    every message id once, sorted: the shared table
//   <locale>.ts   export default [`…`, str`…${0}…`, …]   that locale's texts, in the ids' order
//
// src/localization.ts loads ids.ts (once per page) and the chosen locale's module and zips them
// into the `{templates}` that lit-localize's loadLocale expects. Each text is copied verbatim
// from lit-localize's output (parsed with TypeScript, not rewritten), so escaping, `str` and
// placeholders are exactly lit-localize's.
//
//   node scripts/pack-locales.mjs     packs lit-localize's output for every target locale

import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the packed modules go (beside lit-localize's locale-codes.ts). */
export const PACKED_DIR = join(root, 'src/locales');
/** The shared id table's file name in PACKED_DIR. */
export const IDS_FILE = 'ids.ts';
/** First line of every file this step writes: how stale ones are recognized and removed. */
const HEADER = '// Written by scripts/pack-locales.mjs (npm run localize:build): do not edit.';

/** lit-localize.json's target locales and its output folder (absolute). */
export function readConfig() {
  const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
  return {locales: config.targetLocales, from: resolve(root, config.output.outputDir)};
}

/**
 * One lit-localize module's templates as `{imports, entries}`: its import declarations and, per
 * message id, the initializer's source text (a template literal, or one tagged `str`/`html`).
 */
function parseModule(file) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports = [];
  let entries;
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) imports.push(stmt.getText(sf));
    if (!ts.isVariableStatement(stmt)) continue;
    for (const decl of stmt.declarationList.declarations) {
      if (
        decl.name.getText(sf) !== 'templates' ||
        !decl.initializer ||
        !ts.isObjectLiteralExpression(decl.initializer)
      )
        continue;
      entries = new Map();
      for (const prop of decl.initializer.properties) {
        if (
          !ts.isPropertyAssignment(prop) ||
          !(ts.isStringLiteral(prop.name) || ts.isIdentifier(prop.name))
        ) {
          throw new Error(`${file}: unexpected member of templates: ${prop.getText(sf)}`);
        }
        const id = prop.name.text;
        if (entries.has(id)) throw new Error(`${file}: ${id} twice`);
        entries.set(id, prop.initializer.getText(sf));
      }
    }
  }
  if (!entries)
    throw new Error(
      `${file}: no \`export const templates = {…}\` (not written by lit-localize build?)`,
    );
  return {imports, entries};
}

/**
 * The packed files for `locales`, from lit-localize's output in `from`: a Map from file name
 * (ids.ts, <locale>.ts) to contents. Throws when the locales do not have the same message ids
 * (lit-localize fills a missing translation with the English text, so they always should).
 */
export function pack({from, locales}) {
  const parsed = new Map(locales.map((l) => [l, parseModule(join(from, `${l}.ts`))]));
  const ids = [...parsed.values().next().value.entries.keys()].sort();
  const files = new Map();
  files.set(
    IDS_FILE,
    `${HEADER}\n// Every message id of the kit (lit-localize's hash of the English text), once, sorted: the\n` +
      `// order of the texts in each locale module beside it. Loaded once, with whichever locale.\n\n` +
      `export default [\n${ids.map((id) => `  '${id}',\n`).join('')}];\n`,
  );
  for (const [locale, {imports, entries}] of parsed) {
    const extra = [...entries.keys()].filter((id) => !ids.includes(id));
    const absent = ids.filter((id) => !entries.has(id));
    if (extra.length || absent.length) {
      throw new Error(
        `${locale}: message ids differ from ${locales[0]}'s (extra ${extra.join(', ') || '-'}; absent ${absent.join(', ') || '-'})`,
      );
    }
    const texts = ids.map((id) => entries.get(id));
    // lit-localize imports `str` (and `html`) when any source message uses it; keep what is used.
    const used = imports.filter((imp) =>
      [...imp.matchAll(/\b(\w+)\b(?=[^{}]*})/g)].some(([, name]) =>
        texts.some((t) => t.startsWith(`${name}\``)),
      ),
    );
    files.set(
      `${locale}.ts`,
      `${HEADER}\n// The ${locale} texts of the kit's messages, in the order of ./${IDS_FILE.replace(/\.ts$/, '.js')}.\n\n` +
        (used.length ? `${used.join('\n')}\n\n` : '') +
        `export default [\n${texts.map((t) => `  ${t},\n`).join('')}];\n`,
    );
  }
  return files;
}

/** Writes `files` into `dir` and removes packed files there that are not among them. */
export function writePacked(files, dir = PACKED_DIR) {
  mkdirSync(dir, {recursive: true});
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.ts') || files.has(name)) continue;
    const path = join(dir, name);
    if (readFileSync(path, 'utf8').startsWith(HEADER)) rmSync(path);
  }
  for (const [name, contents] of files) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== contents) writeFileSync(path, contents);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {from, locales} = readConfig();
  const files = pack({from, locales});
  writePacked(files);
  console.log(
    `packed ${locales.length} locales (${files.size - 1} modules + ${IDS_FILE}) into ${PACKED_DIR}`,
  );
}
