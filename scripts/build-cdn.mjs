#!/usr/bin/env node
// npm run build:cdn: dist-cdn/passkey-elements.js, one minified ES module with every
// dependency inside that registers every tag. For pages that load the kit from a CDN with a
// single <script type="module" src="…/passkey-elements.js">. The npm entry points stay
// unbundled (dist/); this file is only for script-tag use. Its html``/css`` literals are
// minified too (scripts/minify-templates.mjs), as in what `npm run size` measures.
import {rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {minifyTemplatesPlugin} from './minify-templates.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist-cdn', import.meta.url), {recursive: true, force: true});
await build({
  absWorkingDir: root,
  entryPoints: ['src/define.ts'],
  outfile: 'dist-cdn/passkey-elements.js',
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  // Lit's production build (not its development warnings) and the browser builds of deps.
  platform: 'browser',
  conditions: ['production'],
  // tsconfig.json's experimentalDecorators / useDefineForClassFields apply, as in every build.
  tsconfig: 'tsconfig.json',
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [minifyTemplatesPlugin],
});
console.log('built dist-cdn/passkey-elements.js');
