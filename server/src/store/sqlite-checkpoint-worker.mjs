/**
 * The SQLite checkpointer's thread, started by `sqlite-checkpointer.ts` with `workerData`
 * `{path, intervalMs}`: its own connection to the file (opened at the first tick, so a store
 * closed at once never opens it), a PASSIVE checkpoint every `intervalMs` (it never waits for,
 * nor blocks, the server's readers and writers), and a last one when told to stop. A failure is
 * reported once, until a checkpoint succeeds again.
 *
 * Plain JavaScript (an ES module), so that it runs the same from source and from dist-server/
 * (copied there by `allowJs` in server/tsconfig.build.json): Node 20 does not pass the parent's
 * tsx loader on to a worker, and this thread needs no TypeScript.
 */
import {parentPort, workerData} from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{path: string, intervalMs: number}} */
const {path, intervalMs} = workerData;
/** @type {import('better-sqlite3').Database | null} */
let db = null;
let failing = false;

function checkpoint() {
  try {
    db ??= new Database(path, {fileMustExist: true});
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = false;
  } catch (error) {
    if (!failing) parentPort?.postMessage(String(error?.message || error));
    failing = true;
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort?.on('message', () => {
  clearInterval(timer);
  if (db) {
    checkpoint();
    db.close();
  }
  parentPort?.close();
});
