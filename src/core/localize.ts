/**
 * `msg`, `str` and `updateWhenLocaleChanges` of `@lit/localize`, imported from the modules that
 * define them rather than from the package root. The root also re-exports the runtime-mode
 * setup (`init/runtime.js`), whose module-level `new Deferred()` no bundler may drop: through
 * the root every page paid for code that only a localized page runs (about 100 B brotli of
 * `<passkey-login>`). `src/localization.ts` imports the root when the site asks for a locale;
 * both paths lead to the same modules, so `msg` still follows `configureLocalization`.
 *
 * The package has no `exports` map, so these paths are plain files of the pinned 0.12 line;
 * `lit-localize extract` finds `msg` calls by their type, wherever `msg` is imported from.
 */
export {msg} from '@lit/localize/init/install.js';
export {str} from '@lit/localize/internal/str-tag.js';
export {updateWhenLocaleChanges} from '@lit/localize/internal/localized-controller.js';
