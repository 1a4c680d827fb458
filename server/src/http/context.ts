import type {Context} from 'hono';
import type {ServerConfig} from '../config.js';
import type {SessionRecord, Store, UserRecord} from '../store/types.js';
import type {Mailer} from '../mail.js';
import type {Limits} from './limits.js';

/** What every route module gets: the settings, the store and the two things tests may replace. */
export interface AppDeps {
  config: ServerConfig;
  store: Store;
  /** The clock. */
  now: () => Date;
  /** Identifies the client (its address) for per-client caps. */
  clientKey: (c: Context<AppEnv>) => string;
  /** The per-client and per-account limits. */
  limits: Limits;
  /** Sends mail (SMTP), or logs it and keeps it for the dev outbox. */
  mailer: Mailer;
}

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    /** The request body, read once and bounded by the body guard (empty when there is none). */
    rawBody: Uint8Array;
    /** The signed-in session, once looked up (`null`: none). */
    auth: {session: SessionRecord; user: UserRecord} | null;
  };
}

export type AppContext = Context<AppEnv>;
