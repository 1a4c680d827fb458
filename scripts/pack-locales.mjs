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
//   <locale>.ts   export default String.raw`…\n…{0}…`   its texts, one a line, in the ids' order
//
// src/localization.ts loads ids.ts (once per page) and the chosen locale's module and zips them
// into the `{templates}` that lit-localize's loadLocale expects. A locale's texts are one
// template literal, one text a line, rather than an array of literals: per text that saves its
// quotes and comma, and `str` with its `${…}`. Each text is lit-localize's own (its template
// literal parsed with TypeScript and read as the string it stands for); a `str` text's values are
// written `{0}`, `{1}`… where lit-localize wrote `${0}`, `${1}`…, and the loader makes them `str`
// templates again (test/node/locales.test.ts checks it gives exactly what lit-localize built). A
// text that cannot be packed so (html``, a line break, a literal `{0}`) stops the build.
//
// `String.raw`, so that bundlers keep the texts as they are: an untagged literal is theirs to
// rewrite, and esbuild's default (ASCII) output writes every letter outside Latin-1 as a six-byte
// `\uXXXX` escape, which made an Arabic, Hebrew, Japanese, Korean or Chinese module about a fifth
// bigger after compression than its text. Raw text has no escapes, so a text with a backslash, a
// backtick or `${` stops the build too.
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
 * One message's text as packed: what the template literal stands for, its `${n}` values written
 * `{n}`. Only untagged and `str` literals whose values are numbers (lit-localize's value indices).
 */
function packedText(node, file, id) {
  const fail = (why) => {
    throw new Error(`${file}: ${id} cannot be packed: ${why}`);
  };
  let literal = node;
  if (ts.isTaggedTemplateExpression(node)) {
    if (node.tag.getText() !== 'str') fail(`a ${node.tag.getText()}\`…\` message`);
    literal = node.template;
  }
  // The literal's strings (as they read, escapes resolved) and the value index after each.
  const pieces = [];
  if (ts.isNoSubstitutionTemplateLiteral(literal)) pieces.push([literal.text, '']);
  else if (ts.isTemplateExpression(literal)) {
    let before = literal.head.text;
    for (const span of literal.templateSpans) {
      if (!ts.isNumericLiteral(span.expression)) fail('a value that is not an index');
      pieces.push([before, `{${span.expression.text}}`]);
      before = span.literal.text;
    }
    pieces.push([before, '']);
  } else fail('not a template literal');
  for (const [text] of pieces) {
    if (/\{\d+\}/.test(text)) fail('it has a literal {n}');
    if (/[\r\n\u2028\u2029]/.test(text)) fail('it has a line break');
    if (/\\|`|\$\{/.test(text)) fail('it has a backslash, a backtick or ${ (the text is raw)');
  }
  return pieces.map(([text, value]) => text + value).join('');
}

/**
 * One lit-localize module's templates: per message id, its packed text (see packedText).
 */
function parseModule(file) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let entries;
  for (const stmt of sf.statements) {
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
        entries.set(id, packedText(prop.initializer, file, id));
      }
    }
  }
  if (!entries)
    throw new Error(
      `${file}: no \`export const templates = {…}\` (not written by lit-localize build?)`,
    );
  return entries;
}

/**
 * The packed files for `locales`, from lit-localize's output in `from`: a Map from file name
 * (ids.ts, <locale>.ts) to contents. Throws when the locales do not have the same message ids
 * (lit-localize fills a missing translation with the English text, so they always should).
 */
export function pack({from, locales}) {
  const parsed = new Map(locales.map((l) => [l, parseModule(join(from, `${l}.ts`))]));
  const ids = [...parsed.values().next().value.keys()].sort();
  const files = new Map();
  files.set(
    IDS_FILE,
    `${HEADER}\n// Every message id of the kit (lit-localize's hash of the English text), once, sorted: the\n` +
      `// order of the texts in each locale module beside it. Loaded once, with whichever locale.\n\n` +
      `export default [\n${ids.map((id) => `  '${id}',\n`).join('')}];\n`,
  );
  for (const [locale, entries] of parsed) {
    const extra = [...entries.keys()].filter((id) => !ids.includes(id));
    const absent = ids.filter((id) => !entries.has(id));
    if (extra.length || absent.length) {
      throw new Error(
        `${locale}: message ids differ from ${locales[0]}'s (extra ${extra.join(', ') || '-'}; absent ${absent.join(', ') || '-'})`,
      );
    }
    const texts = ids.map((id) => entries.get(id));
    files.set(
      `${locale}.ts`,
      `${HEADER}\n// The ${locale} texts of the kit's messages, one a line, in the order of ` +
        `./${IDS_FILE.replace(/\.ts$/, '.js')}; {0}, {1}… are\n// the message's values ` +
        `(src/localization.ts makes them lit-localize's str templates again).\n\n` +
        `export default String.raw\`${texts.join('\n')}\`;\n`,
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
