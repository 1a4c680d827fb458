import {defineConfig} from 'vite';
import {devServer, passkeyElements} from '../kit.mjs';

export default defineConfig({
  resolve: {alias: passkeyElements},
  server: devServer,
  build: {target: 'es2022'},
});
