import react from '@vitejs/plugin-react';
import {defineConfig} from 'vite';
import {devServer, passkeyElements} from '../kit.mjs';

export default defineConfig({
  plugins: [react()],
  resolve: {alias: passkeyElements},
  server: devServer,
  build: {target: 'es2022'},
});
