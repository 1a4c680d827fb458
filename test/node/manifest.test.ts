// custom-elements.json must describe the code as it is: regenerate it into a temp folder and
// compare. Also checks the public surface every element must declare (ELEMENTS.md).
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {join, relative} from 'node:path';
import {test} from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

test('custom-elements.json is current (npm run analyze)', () => {
  // The analyzer takes --outdir relative to the working directory.
  mkdirSync(join(root, '.tmp'), {recursive: true});
  const dir = mkdtempSync(join(root, '.tmp', 'cem-'));
  try {
    const r = spawnSync(
      process.execPath,
      [
        'node_modules/@custom-elements-manifest/analyzer/cem.js',
        'analyze',
        '--outdir',
        relative(root, dir),
      ],
      {cwd: root, encoding: 'utf8'},
    );
    assert.equal(r.status, 0, r.stderr);
    const fresh = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(
      fresh,
      committed,
      'custom-elements.json is stale: run npm run analyze and commit it',
    );
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('every element declares the shared surface', () => {
  const elements = committed.modules
    .flatMap((m: any) => m.declarations ?? [])
    .filter((d: any) => d.tagName);
  assert.ok(elements.length >= 2);
  for (const el of elements) {
    const names = (k: string) => (el[k] ?? []).map((x: any) => x.name);
    for (const a of ['api', 'busy', 'unsupported'])
      assert.ok(names('attributes').includes(a), `${el.tagName} attribute ${a}`);
    for (const e of ['passkey-error', 'passkey-cancel', 'passkey-unsupported'])
      assert.ok(names('events').includes(e), `${el.tagName} event ${e}`);
    for (const p of ['form', 'button', 'status', 'error'])
      assert.ok(names('cssParts').includes(p), `${el.tagName} part ${p}`);
    assert.ok(names('slots').includes('unsupported'), `${el.tagName} slot unsupported`);
    assert.ok(
      names('cssProperties').some((n: string) => n.startsWith('--passkey-')),
      `${el.tagName} custom properties`,
    );
    for (const e of el.events) assert.ok(e.description, `${el.tagName} ${e.name} is described`);
  }
});
