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
];

/**
 * The routes by which an account can be signed in to. Failures are counted per account *and*
 * route, so a flood of wrong passwords closes the password route for that account but not its
 * passkeys or recovery codes: the limit cannot lock an owner out on its own.
 */
export type AccountRoute = 'passkey' | 'password' | 'recovery' | 'mfa' | 'email';

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
 * The per-client request limit and the per-account failure limit: in memory (one process) by
 * default, in PostgreSQL (shared by every process) when the store is PostgreSQL.
 */
export class Limits {
  private readonly perClient: RateLimiterAbstract;
  private readonly failures: RateLimiterAbstract;

  constructor(
    config: Pick<ServerConfig, 'rateLimitPerMinute' | 'accountFailures' | 'accountFailureWindowMs'>,
    store?: Store,
  ) {
    this.perClient = limiter(store, {
      keyPrefix: 'client',
      points: config.rateLimitPerMinute,
      duration: 60,
    });
    this.failures = limiter(store, {
      keyPrefix: 'failures',
      points: config.accountFailures,
      duration: Math.ceil(config.accountFailureWindowMs / 1000),
    });
  }

  /** Middleware: counts the request against the client, `429 rate_limited` past the limit. */
  perClientMiddleware(clientKey: (c: AppContext) => string): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      try {
        await this.perClient.consume(clientKey(c));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw rateLimited(error.msBeforeNext, 'Too many requests; try again later');
      }
      await next();
    };
  }

  /** `429 rate_limited` when `account` has used up its failures on `route` in this window. */
  async assertAccountOpen(route: AccountRoute, account: string): Promise<void> {
    const state = await this.failures.get(`${route}:${account}`);
    if (state && state.consumedPoints >= this.failures.points) {
      throw rateLimited(
        state.msBeforeNext,
        'Too many failed attempts for this account; try again later',
      );
    }
  }

  /** Counts one failed verification against `account` on `route`. */
  async recordFailure(route: AccountRoute, account: string): Promise<void> {
    await this.failures.penalty(`${route}:${account}`, 1);
  }

  /**
   * Runs a verification for `account` on `route`: refused up front when the account is closed on
   * that route, and a refusal coded `verification_failed` is counted as a failure before it
   * leaves.
   */
  async guard<T>(route: AccountRoute, account: string, run: () => Promise<T>): Promise<T> {
    await this.assertAccountOpen(route, account);
    try {
      return await run();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'verification_failed')
        await this.recordFailure(route, account);
      throw error;
    }
  }
}
