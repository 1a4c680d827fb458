import {defineConfig} from 'vite';

// Builds the demo page (demo/) into demo-dist/, which the reference backend serves at `/`
// (npm start). The library itself is published as tsc output (npm run build), not bundled.
export default defineConfig({
  root: 'demo',
  base: './',
  build: {outDir: '../demo-dist', emptyOutDir: true, target: 'es2022'},
});
