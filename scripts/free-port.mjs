// One way to find a TCP port to listen on, for the tests, the benches and scripts/pg.mjs.
import {createServer} from 'node:net';

/**
 * Resolves to whether `port` can be listened on now, on every interface (what a server asked to
 * listen on `localhost`, or on no host at all, needs).
 */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({port, exclusive: true}, () => probe.close(() => resolve(true)));
  });
}

/** A port the system says is free now, on every interface (it could be taken again before use). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({port: 0, exclusive: true}, () => {
      const {port} = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
