/** The command line front, `passkey-elements-conformance` (bin/conformance.mjs → `main()`). */
import {parseArgs} from 'node:util';
import {formatResults, runConformance} from './runner.js';

const USAGE = `Usage: passkey-elements-conformance <api-url> [options]

Runs the passkey-elements backend contract's checks against a running backend, with a software
authenticator in Node (no browser). Exits 1 when a check fails.

  <api-url>            the API's base URL, e.g. http://localhost:3000/passkeys
  --origin <origin>    the pages' origin the backend allows (default: the URL's origin)
  --rp-id <id>         the WebAuthn RP id (default: the origin's host name)
  --admin-key <key>    operator key, to check DELETE /admin/users/{id}/passkeys succeeds
  --only <text>        only the checks whose name contains <text> (repeatable)
  --json               print the results as JSON instead of a table
  -h, --help           this text

The checks make accounts named conformance-<random> (direct sign-up must be on). Point it at a
test deployment, not production.`;

/** The command line: parses `argv`, runs, prints; resolves with the exit code. */
export async function main(
  argv: string[],
  out: (text: string) => void = console.log,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        origin: {type: 'string'},
        'rp-id': {type: 'string'},
        'admin-key': {type: 'string'},
        only: {type: 'string', multiple: true},
        json: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
      },
    });
  } catch (e) {
    out(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const {values, positionals} = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !URL.canParse(positionals[0]!)) {
    out(USAGE);
    return 2;
  }
  const results = await runConformance({
    url: positionals[0]!,
    origin: values.origin,
    rpId: values['rp-id'],
    adminKey: values['admin-key'] ?? process.env.PASSKEY_ADMIN_KEY,
    only: values.only,
  });
  out(values.json ? JSON.stringify(results, null, 2) : formatResults(results));
  if (results.length === 0) return 2;
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}
