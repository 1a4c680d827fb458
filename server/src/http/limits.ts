import type {MiddlewareHandler} from 'hono';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type {ServerConfig} from '../config.js';
import {ApiError} from '../errors.js';
import type {PostgresStore} from '../store/postgres.js';
import type {Store} from '../store/types.js';
import type {AppContext, AppEnv} from './context.js';

/** The ceremony endpoint groups the per-client limit covers (CONTRACT.md, "Limits"). */
export const RATE_LIMITED_GROUPS = [
  'registration',
  'authentication',
  'mfa',
  'signup',
  'recovery',
  'password',
  'reauth',
];

/**
 * The routes with a guessable secret (CONTRACT.md v1.1, "Limits"): a password, a recovery code, an
 * emailed code. Each has its own budget per account, so a flood of wrong passwords closes the
 * password route for that account but not its recovery codes. Passkey assertions (sign-in,
 * second factor) are not counted per account at all: a signature cannot be guessed, and counting
 * forged ones would let anyone lock the owner out of their passkeys.
 */
export type SecretRoute = 'password' | 'recovery' | 'email';

const rateLimited = (msBeforeNext: number, message: string) =>
  new ApiError(429, 'rate_limited', message, {
    headers: {'Retry-After': String(Math.max(1, Math.ceil(msBeforeNext / 1000)))},
  });

/**
 * A limiter where the store keeps its data: in PostgreSQL when the store is PostgreSQL (the
 * `rate_limits` table of its migrations, so every process sharing the database shares the
 * budgets), else in this process's memory. No insurance limiter: when the database cannot be
 * reached the limiter fails, and the request answers `503 unavailable` rather than running with a
 * weaker, per-process budget.
 */
function limiter(
  store: Store | undefined,
  options: {keyPrefix: string; points: number; duration: number},
): RateLimiterAbstract {
  if ((store as Partial<PostgresStore> | undefined)?.engine === 'postgres') {
    return new RateLimiterPostgres({
      ...options,
      storeClient: (store as PostgresStore).pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
    });
  }
  return new RateLimiterMemory(options);
}

/**
 * The per-client request limit, the per-account budget for guessable secrets and the per-address
 * limit on emailed codes: in memory (one process) by default, in PostgreSQL (shared by every
 * process using the database) when the store is PostgreSQL.
 *
 * The per-account budget is *taken before* the verification runs, with one atomic `consume()`
 * (memory: a synchronous update in this process; PostgreSQL: one `INSERT … ON CONFLICT DO UPDATE …
 * RETURNING`, serialized by the row lock), so of any number of parallel attempts at most
 * `accountFailures` are evaluated in a window, on any number of processes. A success refunds its
 * own point (so an owner who signs in often never runs out); a failure of any kind keeps it.
 * While attempts are in flight their points are held, so an attempt beyond the budget is refused
 * even when one of the held attempts later turns out right: a burst is refused whole, never
 * evaluated past the budget.
 */
export class Limits {
  private readonly perClient: RateLimiterAbstract;
  private readonly secrets: RateLimiterAbstract;
  private readonly emailSends: RateLimiterAbstract;

  constructor(
    config: Pick<
      ServerConfig,
      'rateLimitPerMinute' | 'accountFailures' | 'accountFailureWindowMs' | 'emailSendsPerHour'
    >,
    store?: Store,
  ) {
    this.perClient = limiter(store, {
      keyPrefix: 'client',
      points: config.rateLimitPerMinute,
      duration: 60,
    });
    this.secrets = limiter(store, {
      keyPrefix: 'secrets',
      points: config.accountFailures,
      duration: Math.ceil(config.accountFailureWindowMs / 1000),
    });
    this.emailSends = limiter(store, {
      keyPrefix: 'email-sends',
      points: config.emailSendsPerHour,
      duration: 3600,
    });
  }

  /** Middleware: counts the request against the client, `429 rate_limited` past the limit. */
  perClientMiddleware(clientKey: (c: AppContext) => string): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      await take(this.perClient, clientKey(c), 'Too many requests; try again later');
      await next();
    };
  }

  /**
   * Takes one send from `email`'s hourly budget (`EMAIL_SENDS_PER_HOUR`), `429 rate_limited` when
   * it is used up. Every mail to the address counts (codes and "already registered" notices
   * alike), so the answer tells nothing about whether the address has an account.
   */
  async takeEmailSend(email: string): Promise<void> {
    await take(this.emailSends, email, 'Too many codes sent to this address; try again later');
  }

  /**
   * Runs the verification of a guessable secret for `account` on `route`, after taking one point
   * of the account's budget for that route: `429 rate_limited` (with `Retry-After`) without
   * running it when none is left. A success gives the point back; an error keeps it.
   */
  async guard<T>(route: SecretRoute, account: string, run: () => Promise<T>): Promise<T> {
    const key = `${route}:${account}`;
    await take(this.secrets, key, 'Too many failed attempts for this account; try again later');
    const result = await run();
    await this.secrets.reward(key, 1);
    return result;
  }
}

/** One atomic `consume()` of a point under `key`; past the limit `429 rate_limited`. */
async function take(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw rateLimited(error.msBeforeNext, message);
  }
}
