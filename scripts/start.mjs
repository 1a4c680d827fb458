#!/usr/bin/env node
// npm start: builds the demo page (vite → demo-dist/) and starts the reference backend, which
// serves the API at /passkeys and the demo at / on http://localhost:$PORT (default 3000),
// with SQLite under ./data/. Any setting of server/src/config.ts can be given in the environment.
// It asks for development mode (DEV_MODE=1: dev outbox, demo seeding, codes in the log, loopback
// only) unless DEV_MODE is set otherwise.
import {spawnSync, spawn} from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, {stdio: 'inherit'});
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
  stdio: 'inherit',
  env: {STATIC_DIR: 'demo-dist', DEV_MODE: '1', ...process.env},
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
