#!/usr/bin/env node
// npm run build: what the npm package ships, from a clean slate.
//   dist/         the elements, tsc output: ES modules + .d.ts, unminified, one file per source;
//                 only the insides of its html``/css`` literals are minified afterwards
//                 (scripts/minify-templates.mjs), as in the CDN bundle and what `npm run size`
//                 measures
//   dist-server/  the reference backend (passkey-elements/server), tsc output, and its data files
//                 (server/src/vendor/: the AAGUID list with icons, read next to aaguid.js)
//   dist/testing/ Node helpers for tests (passkey-elements/testing, the conformance CLI), tsc
//                 output of src/testing with Node's types
//   dist/custom-elements.json  the manifest with its paths pointing at dist/*.js
// No source maps: they would point at src/, which the package does not ship.
import {spawnSync} from 'node:child_process';
import {cpSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {minifyTemplatesIn} from './minify-templates.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

for (const dir of ['dist', 'dist-server'])
  rmSync(new URL(`../${dir}`, import.meta.url), {recursive: true, force: true});

for (const project of [
  'tsconfig.build.json',
  'tsconfig.testing.json',
  'server/tsconfig.build.json',
]) {
  const r = spawnSync(process.execPath, [tsc, '-p', project, '--sourceMap', 'false'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Data the server reads at run time, next to the module that reads it (tsc copies no JSON).
cpSync(
  new URL('../server/src/vendor', import.meta.url),
  new URL('../dist-server/vendor', import.meta.url),
  {recursive: true, filter: (path) => !path.endsWith('.md')},
);

// Readable templates in src/, small ones in what ships. dist/testing holds Node code with no
// templates; it is passed over like the rest.
await minifyTemplatesIn(fileURLToPath(new URL('../dist', import.meta.url)));

// The manifest in the repository describes src/*.ts (Storybook reads it); the package's copy
// names the files a site actually imports.
const manifest = readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8');
writeFileSync(
  new URL('../dist/custom-elements.json', import.meta.url),
  manifest.replace(/"src\/([^"]*)\.(?:ts|js)"/g, '"dist/$1.js"'),
);
console.log('built dist/ and dist-server/');
