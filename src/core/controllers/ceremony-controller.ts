import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {PasskeyError} from '../client/passkey-error.js';
import {isCancel, toPasskeyError} from '../webauthn/errors.js';

export type CeremonyStatus = 'idle' | 'busy' | 'success' | 'cancelled' | 'error';

/**
 * How a `run()` ended: with the task's value, or with its error, `cancelled` when that error
 * means the user or the page stopped it (a dismissed prompt, an abort).
 */
export type Outcome<R> =
  | {ok: true; value: R; cancelled?: undefined}
  | {ok: false; error: PasskeyError; cancelled: boolean};

/**
 * Runs one ceremony at a time for its host and owns its state: `status`, the last `result`
 * and the last `error`. A second `run()` while one is busy does nothing. Each run has its own
 * abort signal, passed to the task for its fetches and its WebAuthn request: `abort()` and
 * disconnecting the host end them, and a disconnected host starts nothing. Knows nothing of
 * templates or events: the host reads the state when it renders and acts on the outcome.
 */
export class CeremonyController<T> implements ReactiveController {
  status: CeremonyStatus = 'idle';
  result?: T;
  error?: PasskeyError;

  /** The running task's abort controller. */
  private aborter?: AbortController;
  private disconnected = false;

  constructor(protected host: ReactiveControllerHost) {
    host.addController(this);
  }

  get busy() {
    return this.status === 'busy';
  }

  /**
   * Runs `task` unless a ceremony is already running or the host is disconnected (then it
   * resolves to `undefined`). Resolves to the outcome; never rejects.
   */
  async run<R extends T>(
    task: (signal: AbortSignal) => Promise<R>,
  ): Promise<Outcome<R> | undefined> {
    if (this.busy || this.disconnected) return;
    const aborter = (this.aborter = new AbortController());
    this.set('busy');
    try {
      const value = await task(aborter.signal);
      this.result = value;
      this.set('success');
      return {ok: true, value};
    } catch (e) {
      const error = toPasskeyError(e);
      const cancelled = isCancel(error.code);
      this.set(cancelled ? 'cancelled' : 'error', error);
      return {ok: false, error, cancelled};
    } finally {
      if (this.aborter === aborter) this.aborter = undefined;
    }
  }

  /** Ends the running task: its fetches, and its WebAuthn request while that is the page's. */
  abort() {
    this.aborter?.abort();
  }

  private set(status: CeremonyStatus, error?: PasskeyError) {
    this.status = status;
    this.error = error;
    this.host.requestUpdate();
  }

  hostConnected() {
    this.disconnected = false;
  }

  hostDisconnected() {
    this.disconnected = true;
    this.abort();
  }
}
