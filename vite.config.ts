import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vite';

// Builds the demo (demo/) into demo-dist/, which the reference backend serves at `/` (npm
// start): the site (index.html) and the dev outbox page (outbox.html) it opens beside itself.
// The library itself is published as tsc output (npm run build), not bundled.
const page = (name: string) => fileURLToPath(new URL(`./demo/${name}.html`, import.meta.url));
export default defineConfig({
  root: 'demo',
  base: './',
  build: {
    outDir: '../demo-dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {input: {index: page('index'), outbox: page('outbox')}},
  },
});
