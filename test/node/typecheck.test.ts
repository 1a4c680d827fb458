// The whole repository type-checks (`npm run typecheck`): src, server, tests, stories, demo and
// scripts. Without this a type error shows up only where a build happens to compile that file.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';

const root = new URL('../..', import.meta.url).pathname;

test('tsc --noEmit -p tsconfig.json reports no error', () => {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.stdout + r.stderr, '', 'type errors (npm run typecheck)');
  assert.equal(r.status, 0);
});
