// The reference backend (server/src/main.ts) as the bench runs it: serving the bench's pages, on
// a temporary SQLite file and a free port.
import {spawn} from 'node:child_process';
import {freePort} from '../../scripts/free-port.mjs';
import {root} from '../../scripts/size-lib.mjs';

export async function startBackend(staticDir, databasePath) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {...process.env, PORT: String(port), STATIC_DIR: staticDir, DATABASE_PATH: databasePath},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the reference backend did not start in 30 s\n${stderr}`)),
      30_000,
    );
    child.stdout.on('data', (d) => {
      if (d.toString().includes('reference backend on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the reference backend exited with ${code}\n${stderr}`));
    });
  });
  child.stdout.resume();
  return {child, base: `http://localhost:${port}`};
}
