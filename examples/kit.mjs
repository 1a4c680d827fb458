// Shared by the examples' vite.config.mjs: `passkey-elements` is this repository's own source,
// resolved the way the published package's `exports` would be (a site installs the package
// instead and needs none of this), and the dev server hands /passkeys to the reference backend.
import {fileURLToPath} from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** `resolve.alias` entries: each `passkey-elements` entry point → its file in src/. */
export const passkeyElements = [
  {find: /^passkey-elements$/, replacement: `${src}index.ts`},
  {find: /^passkey-elements\/define\.js$/, replacement: `${src}define.ts`},
  {find: /^passkey-elements\/elements\/(.+)\.js$/, replacement: `${src}elements/$1.ts`},
  {find: /^passkey-elements\/react$/, replacement: `${src}react/index.ts`},
  {find: /^passkey-elements\/jsx$/, replacement: `${src}react/jsx.ts`},
];

/** `vite` (dev) sends the API to the backend `npm start` runs on :3000 (`BACKEND` overrides it). */
export const devServer = {proxy: {'/passkeys': process.env.BACKEND ?? 'http://localhost:3000'}};
