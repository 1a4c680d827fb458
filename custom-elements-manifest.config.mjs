// `npm run analyze` writes custom-elements.json from the JSDoc in src/ (tags, attributes,
// properties, events, slots, parts, CSS custom properties, custom states).

/**
 * The names each class declares as internal reactive state, `static properties = {x: {state:
 * true}}`, read from the source: such a field is neither an attribute nor public API, but the
 * analyzer lists it as both. test/node/manifest.test.ts reads the source the same way.
 */
const stateFields = new Map();

/**
 * Sorts the modules, drops internal state (attributes and members, inherited ones too) and keeps
 * only the kit's events: the base class fires every event through `emit(name, detail)`, which the
 * analyzer reads as an event literally called `name`; the real ones are declared with `@fires`
 * on each element.
 */
const tidy = () => ({
  name: 'tidy',
  analyzePhase({ts, node}) {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const properties = node.members.find(
      (m) =>
        ts.isPropertyDeclaration(m) &&
        m.name?.text === 'properties' &&
        m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword),
    );
    const init = properties?.initializer;
    if (!init || !ts.isObjectLiteralExpression(init)) return;
    const names = new Set();
    for (const p of init.properties) {
      const options = ts.isPropertyAssignment(p) ? p.initializer : undefined;
      if (!options || !ts.isObjectLiteralExpression(options)) continue;
      const state = options.properties.find((o) => o.name?.text === 'state');
      if (
        state &&
        ts.isPropertyAssignment(state) &&
        state.initializer.kind === ts.SyntaxKind.TrueKeyword
      )
        names.add(p.name.text);
    }
    stateFields.set(node.name.text, names);
  },
  packageLinkPhase({customElementsManifest}) {
    // The analyzer lists modules in the order the file system gives the glob, which differs
    // from one disk to another: sort them so the manifest is the same on every machine.
    customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const mod of customElementsManifest.modules) {
      for (const decl of mod.declarations ?? []) {
        // A field is state of the class that declares it (the inherited ones say which).
        const isState = (x, name) =>
          !!stateFields.get(x.inheritedFrom?.name ?? decl.name)?.has(name);
        if (decl.events) decl.events = decl.events.filter((e) => e.name.startsWith('passkey-'));
        if (decl.attributes)
          decl.attributes = decl.attributes.filter((a) => !isState(a, a.fieldName ?? a.name));
        if (decl.members) decl.members = decl.members.filter((m) => !isState(m, m.name));
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
