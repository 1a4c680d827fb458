// ESLint for the whole repository (`npm run lint`, run by `npm test`). Formatting is Prettier's
// job (`npm run format:check`); these rules are about meaning: TypeScript's recommended set,
// Lit's template rules, accessibility inside Lit templates, custom-element habits, and strict
// equality everywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-server/',
      'dist-cdn/',
      'demo-dist/',
      'storybook-static/',
      'data/',
      '.tmp/',
      'tmp/',
      // Generated: by lit-localize (scripts/pack-locales.mjs) and from custom-elements.json.
      'src/locales/',
      'src/react/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {...globals.browser, ...globals.node},
    },
    rules: {
      // `x == null` (null or undefined) is the one loose comparison allowed.
      eqeqeq: ['error', 'smart'],
      // A `let` that a closure reads before its one assignment (a server handler set up
      // before the server it calls) stays a `let`.
      'prefer-const': ['error', {ignoreReadBeforeAssign: true}],
      // `_name` marks a parameter that an override or a callback signature needs but this body
      // does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'},
      ],
    },
  },
  // Tests: chai's property assertions (`expect(x).to.be.true`) are expressions, and code that runs
  // in a page through page.evaluate() reaches the page's own globals untyped.
  {
    files: ['test/**/*.ts', 'server/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // The kit's own elements and the pages and stories that render them.
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', 'test/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
);
