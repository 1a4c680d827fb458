/**
 * `msg`, `str` and `updateWhenLocaleChanges`, from `@lit/localize`'s public entry point: the
 * elements import them from here, so the kit names its localization runtime in one place.
 *
 * The root module also carries the runtime-mode setup (`configureLocalization`), which a page
 * that never asks for a locale does not run but still downloads (a module-level `new
 * Deferred()` no bundler may drop). Reaching past the package's entry point to its
 * `init/`/`internal/` files avoided that, but tied the kit to another package's file layout.
 * `src/localization.ts` (the site's `configurePasskeyLocalization`) imports the same root, so
 * `msg` follows its locale.
 */
export {msg, str, updateWhenLocaleChanges} from '@lit/localize';
