/**
 * The testing kit's own dependencies are optional peers of the package, so that a site that
 * installs the elements does not download Node-only code. What needs one loads it here: a
 * missing package becomes `undefined`, and `need()` then says which package to install.
 */

/** `load()`'s module, or `undefined` when the package `name` is not installed. */
export async function optionalPeer<T>(
  name: string,
  load: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await load();
  } catch (e) {
    const code = (e as {code?: string}).code;
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String((e as Error).message).includes(name);
    if (missing) return undefined;
    throw e;
  }
}

/** The module an `optionalPeer()` loaded, or an error that names the package to install. */
export function need<T>(module: T | undefined, name: string, what: string): T {
  if (module) return module;
  throw new Error(
    `passkey-elements/testing: ${what} needs the package ${name}, an optional peer dependency ` +
      `that is not installed. Install it beside passkey-elements: npm install --save-dev ${name}`,
  );
}
