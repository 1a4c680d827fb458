import vue from '@vitejs/plugin-vue';
import {defineConfig} from 'vite';
import {devServer, passkeyElements} from '../kit.mjs';

export default defineConfig({
  plugins: [
    vue({
      // The kit's tags are custom elements, not Vue components: Vue leaves them to the browser,
      // sets `client`, `headers` and other properties the element has as properties, and listens
      // to `@passkey-authenticated` as the DOM event of that name.
      template: {compilerOptions: {isCustomElement: (tag) => tag.startsWith('passkey-')}},
    }),
  ],
  resolve: {alias: passkeyElements},
  server: devServer,
  build: {target: 'es2022'},
});
