import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../errors.js';
import type { AppContext, AppEnv } from './context.js';

/** The ceremony endpoint groups the per-client limit covers (CONTRACT.md, "Limits"). */
export const RATE_LIMITED_GROUPS = ['registration', 'authentication', 'mfa', 'signup', 'recovery', 'password'];

/**
 * The routes by which an account can be signed in to. Failures are counted per account *and*
 * route, so a flood of wrong passwords closes the password route for that account but not its
 * passkeys or recovery codes: the limit cannot lock an owner out on its own.
 */
export type AccountRoute = 'passkey' | 'password' | 'recovery' | 'mfa' | 'email';

const rateLimited = (msBeforeNext: number, message: string) =>
  new ApiError(429, 'rate_limited', message, {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(msBeforeNext / 1000))) },
  });

/** The per-client request limit and the per-account failure limit, in memory (one process). */
export class Limits {
  private readonly perClient: RateLimiterMemory;
  private readonly failures: RateLimiterMemory;

  constructor(config: Pick<ServerConfig, 'rateLimitPerMinute' | 'accountFailures' | 'accountFailureWindowMs'>) {
    this.perClient = new RateLimiterMemory({ keyPrefix: 'client', points: config.rateLimitPerMinute, duration: 60 });
    this.failures = new RateLimiterMemory({
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
      throw rateLimited(state.msBeforeNext, 'Too many failed attempts for this account; try again later');
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
      if (error instanceof ApiError && error.code === 'verification_failed') await this.recordFailure(route, account);
      throw error;
    }
  }
}
