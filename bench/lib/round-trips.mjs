// Round trips to PostgreSQL per step of a sign-in: the reference backend in this process on a
// PostgreSQL database, every query the `pg` client sends counted (each is one round trip: `pg`
// sends a query's messages together and waits for its answer before the next), with its SQL.
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

/**
 * Signs a user up, then signs in `rounds` times by username and `rounds` times discoverably
 * (options, verify, then GET /session with the new cookie; each from a browser without a
 * session), counting the queries of each request. Returns
 * per step the counts seen (the first sign-in may also sweep expired sessions, once a minute) and
 * the statements of the last round.
 */
export async function countRoundTrips({
  root,
  url,
  config,
  origin,
  sessionCookie,
  SoftAuthenticator,
  TestBrowser,
  rounds = 5,
}) {
  const require = createRequire(join(root, 'package.json'));
  const pg = require('pg');
  const {createPasskeyServer} = await import(pathToFileURL(join(root, 'server/src/index.ts')).href);
  const server = await createPasskeyServer(
    {...config, databaseUrl: url},
    {clientKey: () => 'round-trips'},
  );
  const sent = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(config, ...rest) {
    const text = typeof config === 'string' ? config : (config?.text ?? String(config));
    sent.push(text.replace(/\s+/g, ' ').trim());
    return original.call(this, config, ...rest);
  };
  // A browser on the app (the project's TestBrowser: Origin header, cookie jar).
  const browser = new TestBrowser(`${origin}/passkeys`, origin, (request) => server.fetch(request));
  const request = (method, path, json) =>
    json === undefined ? browser.request(method, path) : browser.post(path, json);
  const steps = {};
  const counted = async (step, run) => {
    const from = sent.length;
    const res = await run();
    (steps[step] ??= {counts: [], statements: []}).counts.push(sent.length - from);
    steps[step].statements = sent.slice(from);
    return res;
  };
  try {
    const authenticator = new SoftAuthenticator({origin});
    const username = `round-trips-${Date.now().toString(36)}`;
    const creation = await request('POST', '/registration/options', {username});
    const created = await request('POST', '/registration/verify', {
      response: authenticator.create(creation.body.options),
    });
    if (created.status !== 201) throw new Error(`registration: ${created.status}`);
    // Each sign-in below starts without a session, as a user signing in does.
    browser.cookies.delete(sessionCookie);
    for (let i = 0; i < rounds; i++) {
      for (const discoverable of [false, true]) {
        const suffix = discoverable ? ' (discoverable)' : '';
        const options = await counted(`POST /authentication/options${suffix}`, () =>
          request('POST', '/authentication/options', discoverable ? {} : {username}),
        );
        const verified = await counted(`POST /authentication/verify${suffix}`, () =>
          request('POST', '/authentication/verify', {
            response: authenticator.get(options.body.options),
          }),
        );
        if (verified.status !== 200) throw new Error(`sign-in: ${verified.status}`);
        const session = await counted('GET /session', () => request('GET', '/session'));
        if (session.body?.user?.username !== username) throw new Error('no session');
        browser.cookies.delete(sessionCookie);
      }
    }
  } finally {
    pg.Client.prototype.query = original;
    await server.close();
  }
  return Object.entries(steps).map(([step, {counts, statements}]) => ({
    step,
    // The steady state (a sweep of expired sessions happens at most once a minute).
    roundTrips: [...counts].sort((a, b) => a - b)[Math.floor(counts.length / 2)],
    max: Math.max(...counts),
    statements,
  }));
}
