import {once} from 'node:events';
import {setTimeout as delay} from 'node:timers/promises';
import {Worker} from 'node:worker_threads';

/** The worker's module, next to this one in src/store/ and in dist-server/store/ alike. */
const WORKER_URL = new URL('./sqlite-checkpoint-worker.mjs', import.meta.url);

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that takes the WAL past 1000 pages, so now and then one request copies the WAL into the
 * database file and waits for its fsyncs: measured here at about 70% of all the time spent in
 * commits on a busy disk (149 µs a commit against 44 µs without). This worker thread
 * (`sqlite-checkpoint-worker.mjs`) does that work instead, every `intervalMs`, with the same
 * durability (in WAL mode with `synchronous=NORMAL` the checkpoint is where the fsyncs are,
 * wherever it runs). The server's own connection keeps an automatic checkpoint far out as a
 * backstop, should the worker fall behind or stop.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;

  constructor(path: string, intervalMs = 100) {
    // execArgv: [] because the thread needs none of its parent's flags (a worker inherits them:
    // `--input-type=module`, a loader such as tsx).
    this.worker = new Worker(WORKER_URL, {execArgv: [], workerData: {path, intervalMs}});
    this.worker.unref(); // never what keeps a process alive
    // once() rejects on an 'error' event: unhandled, that rejection would end the process.
    this.exited = once(this.worker, 'exit').catch(() => {});
    this.worker.on('error', (error) =>
      console.error('[passkey-server] SQLite checkpointer stopped:', error.message),
    );
    this.worker.on('message', (message) =>
      console.error('[passkey-server] SQLite checkpoint failed:', message),
    );
  }

  /** A last checkpoint, then the thread ends (ended by force after 5 s). */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    const timeout = new AbortController();
    await Promise.race([
      this.exited,
      delay(5000, undefined, {signal: timeout.signal}).then(() => this.worker.terminate()),
    ]).catch(() => {});
    timeout.abort();
  }
}
