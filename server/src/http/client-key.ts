import {getConnInfo} from '@hono/node-server/conninfo';
import type {AppContext} from './context.js';

/**
 * The client's address as the Node server saw it, or `unknown` when the app runs without Node
 * bindings (e.g. `app.fetch()` in tests). Proxy headers are not trusted: a deployment behind a
 * proxy passes its own `clientKey` to `createPasskeyApp`.
 */
export function socketAddress(c: AppContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
