// The template-literal minifier every build that ships or is measured runs: the size build
// (scripts/size-lib.mjs: `npm run size`, `npm run bench`, the budget test), the CDN bundle
// (scripts/build-cdn.mjs) and the library (scripts/build.mjs, over tsc's output in dist/).
//
// The source keeps its templates and styles readable (indented markup, one declaration a line,
// comments); JavaScript minifiers leave the inside of template literals alone, so this step
// makes them small. It uses minify-literals (html-minifier-terser for html``/svg``, clean-css
// for css``), which parses the file and rewrites only the static text of those tagged
// literals: every `${…}` keeps its place, so Lit's bindings (`attr=${}`, `.prop=${}`,
// `?bool=${}`, `@event=${}`) and the parts between them are untouched, and nothing outside the
// literals changes (tsc's output keeps one statement a line).
//
// Whitespace is collapsed conservatively (a run of spaces and newlines becomes one space, never
// nothing): what renders is what the readable source renders, also between inline elements and
// around text.
//
// It also drops the translator notes of msg() calls (`desc: '…'`): they are for the XLIFF files
// (`npm run localize:extract` reads them from the source) and do nothing at runtime, where
// lit-localize's message ids are the `id` option or a hash of the text alone.

import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {minifyHTMLLiterals} from 'minify-literals';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** html-minifier-terser options, over the library's production defaults: whitespace kept safe. */
const minifyOptions = {conservativeCollapse: true};

/**
 * The code without the `desc` of its msg() calls: `msg(x, {desc: '…'})` becomes `msg(x)`, and
 * `msg(x, {id: 'a', desc: '…'})` becomes `msg(x, {id: 'a'})`. Found with TypeScript's parser
 * (JavaScript parses as TypeScript), so strings and templates that merely say "desc" are safe.
 */
export function stripMessageNotes(code, fileName = 'file.ts') {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  /** [start, end) ranges to cut, in source order. */
  const cuts = [];
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'msg' &&
      node.arguments.length === 2 &&
      ts.isObjectLiteralExpression(node.arguments[1])
    ) {
      const [text, options] = node.arguments;
      const props = options.properties;
      const i = props.findIndex((p) => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'desc');
      if (i >= 0 && props.length === 1) cuts.push([text.end, options.end]);
      else if (i >= 0) {
        // With the comma that joins it to the next property (or, last, to the previous one).
        cuts.push(
          i < props.length - 1
            ? [props[i].getStart(sf), props[i + 1].getStart(sf)]
            : [props[i - 1].end, props[i].end],
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = code;
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end);
  return out;
}

/**
 * The code with its html``, svg`` and css`` literals minified and its msg() notes dropped.
 * `fileName` names the file in errors and tells the parser TypeScript from JavaScript.
 */
export async function minifyTemplates(code, fileName) {
  // lit-localize hashes the text of an id-less msg(html`…`) at runtime: minified, it would no
  // longer match the id extracted from the source, and the translation would not be found.
  if (/\bmsg\(\s*html\s*`/.test(code))
    throw new Error(`${fileName}: msg(html\`…\`) needs an id before its template is minified`);
  const stripped = /\bdesc\b/.test(code) ? stripMessageNotes(code, fileName) : code;
  if (!/\b(html|svg|css)\s*`/.test(stripped)) return stripped;
  const result = await minifyHTMLLiterals(stripped, {
    fileName,
    minifyOptions,
    generateSourceMap: false,
  });
  return result ? result.code : stripped;
}

/** The kit's own sources: src/**\/*.ts outside node_modules. */
const SOURCE = /\.ts$/;
const isSource = (path) => {
  const rel = relative(root, path).split(sep).join('/');
  return rel.startsWith('src/') && !rel.includes('node_modules/') && !rel.endsWith('.d.ts');
};

/**
 * An esbuild plugin that minifies the templates of the kit's sources as they load, before
 * esbuild's own minifier (which renames the `html` and `css` tags) sees them.
 */
export const minifyTemplatesPlugin = {
  name: 'minify-templates',
  setup(build) {
    build.onLoad({filter: SOURCE}, async (args) => {
      if (!isSource(args.path)) return undefined;
      const code = readFileSync(args.path, 'utf8');
      return {contents: await minifyTemplates(code, args.path), loader: 'ts'};
    });
  },
};

/** Minifies, in place, the templates of every .js file under `dir` (tsc's output). */
export async function minifyTemplatesIn(dir) {
  let changed = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const code = readFileSync(file, 'utf8');
    const min = await minifyTemplates(code, file);
    if (min !== code) {
      writeFileSync(file, min);
      changed++;
    }
  }
  return changed;
}
