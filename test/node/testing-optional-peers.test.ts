// passkey-elements/testing's own dependencies are optional peers (a site that installs the
// elements does not download them). Without one, the kit still loads, and what needs it says
// which package to install. The package is hidden from a child Node by a resolve hook.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';

const root = new URL('../..', import.meta.url).pathname;

/** A resolve hook that answers as Node does for a package that is not installed. */
const hide = (name: string) => {
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier !== ${JSON.stringify(name)}) return next(specifier, context);
    const e = new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL);
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }`;
  return `import {register} from 'node:module'; register(${JSON.stringify(
    'data:text/javascript,' + encodeURIComponent(hook),
  )});`;
};

/** Runs `script` (an ES module) in a child Node with tsx and `name` hidden; returns its stdout. */
function runWithout(name: string, script: string) {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      'data:text/javascript,' + encodeURIComponent(hide(name)),
      '--input-type=module',
      '-e',
      script,
    ],
    {cwd: root, encoding: 'utf8'},
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const registration = {
  rp: {id: 'example.com', name: 'Example'},
  user: {id: 'dXNlcg', name: 'ada', displayName: 'Ada'},
  challenge: 'Y2hhbGxlbmdl',
  pubKeyCredParams: [{type: 'public-key', alg: -7}],
};

test('without @levischuck/tiny-cbor the kit loads, and SoftAuthenticator names the package to install', () => {
  const out = runWithout(
    '@levischuck/tiny-cbor',
    `const kit = await import(${JSON.stringify(root + 'src/testing/index.ts')});
    console.log(typeof kit.virtualAuthenticator, typeof kit.runConformance);
    try {
      new kit.SoftAuthenticator({origin: 'https://example.com'}).create(${JSON.stringify(registration)});
      console.log('created');
    } catch (e) {
      console.log(e.message);
    }`,
  );
  const [loaded, message] = out.split('\n');
  assert.equal(loaded, 'function function');
  assert.match(message, /needs the package @levischuck\/tiny-cbor/);
  assert.match(message, /npm install --save-dev @levischuck\/tiny-cbor/);
});

test('with it installed, the same script creates a credential (the hook above is what hid it)', () => {
  const out = runWithout(
    'a-package-nobody-imports',
    `const kit = await import(${JSON.stringify(root + 'src/testing/index.ts')});
    const r = new kit.SoftAuthenticator({origin: 'https://example.com'}).create(${JSON.stringify(registration)});
    console.log(r.type);`,
  );
  assert.equal(out, 'public-key');
});
