import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {PasskeyError} from '../client/passkey-error.js';
import {cancelCeremony} from '../webauthn/ceremonies.js';
import {isCancel, toPasskeyError} from '../webauthn/errors.js';

export type CeremonyStatus = 'idle' | 'busy' | 'success' | 'cancelled' | 'error';

/**
 * Runs one ceremony at a time for its host and owns its state: `status`, the last `result`
 * and the last `error`. A second `run()` while one is busy does nothing. Disconnecting the
 * host aborts a running ceremony. Knows nothing of templates or events: the host reads the
 * state when it renders and acts on what `run()` returns.
 */
export class CeremonyController<T> implements ReactiveController {
  status: CeremonyStatus = 'idle';
  result?: T;
  error?: PasskeyError;

  constructor(protected host: ReactiveControllerHost) {
    host.addController(this);
  }

  get busy() {
    return this.status === 'busy';
  }

  /**
   * Runs `task` unless a ceremony is already running. Resolves to the task's result, or to
   * `undefined` when it was skipped, failed or was cancelled (then `error` says why).
   */
  async run<R extends T>(task: () => Promise<R>): Promise<R | undefined> {
    if (this.busy) return;
    this.set('busy');
    try {
      const result = await task();
      this.result = result;
      this.set('success');
      return result;
    } catch (e) {
      this.error = toPasskeyError(e);
      this.set(isCancel(this.error.code) ? 'cancelled' : 'error', this.error);
    }
  }

  private set(status: CeremonyStatus, error?: PasskeyError) {
    this.status = status;
    this.error = error;
    this.host.requestUpdate();
  }

  hostDisconnected() {
    if (this.busy) cancelCeremony();
  }
}
