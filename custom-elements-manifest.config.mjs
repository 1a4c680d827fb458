// `npm run analyze` writes custom-elements.json from the JSDoc in src/ (tags, attributes,
// properties, events, slots, parts, CSS custom properties, custom states).

/**
 * The base class fires every event through `emit(name, detail)`, which the analyzer reads as an
 * event literally called `name`. The real events are declared with `@fires` on each element.
 */
const tidy = () => ({
  name: 'tidy',
  packageLinkPhase({customElementsManifest}) {
    // The analyzer lists modules in the order the file system gives the glob, which differs
    // from one disk to another: sort them so the manifest is the same on every machine.
    customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // Internal reactive state (`static properties = {x: {state: true}}`) is neither an
    // attribute nor public API; the analyzer lists it as both.
    const internalState = new Set(['current']);
    for (const mod of customElementsManifest.modules) {
      for (const decl of mod.declarations ?? []) {
        if (decl.events) decl.events = decl.events.filter((e) => e.name.startsWith('passkey-'));
        if (decl.attributes)
          decl.attributes = decl.attributes.filter((a) => !internalState.has(a.fieldName));
        if (decl.members) decl.members = decl.members.filter((m) => !internalState.has(m.name));
      }
    }
  },
});

export default {
  globs: ['src/**/*.ts'],
  // src/react/ is written from the manifest (scripts/react.mjs): not part of it. src/testing/
  // (Node helpers) and src/adapters/ (clients for other backends) hold no elements.
  exclude: [
    'src/**/*.test.ts',
    'src/locales/**',
    'src/react/**',
    'src/testing/**',
    'src/adapters/**',
  ],
  litelement: true,
  // package.json's customElements field is written by hand: the analyzer would point it at
  // whatever --outdir a check used.
  packagejson: false,
  plugins: [tidy()],
};
