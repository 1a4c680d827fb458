import {defineConfig} from 'vite';

// Storybook's own Vite settings (the root vite.config.ts is the demo page's; Storybook ignores
// a `build` key here). TypeScript is transformed by Vite's oxc, which reads tsconfig.json:
// `useDefineForClassFields: false` keeps the elements' field initializers as constructor
// assignments, so they do not shadow the reactive accessors Lit creates from `static
// properties`. The Discoverable story checks it (a shadowing field would leave the input).
export default defineConfig({
  optimizeDeps: {
    // Storybook's renderer imports lit/directive-helpers.js, which the dev server would otherwise
    // serve unbundled, next to the pre-bundled lit: two copies of lit-html in `npm run storybook`.
    include: ['lit', 'lit/directive-helpers.js', '@lit/localize', '@simplewebauthn/browser'],
  },
});
