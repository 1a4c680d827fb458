/**
 * Test harness: a fresh server over a fresh database per test, driven through
 * `app.fetch(new Request(...))` (no ports), with cookie-keeping clients (src/testing/test-browser.ts) and row counts read
 * straight from the database.
 *
 * The engine comes from the environment: SQLite (a temporary file) by default; PostgreSQL when
 * `TEST_ENGINE=postgres`, with `TEST_DATABASE_URL` naming a superuser connection (e.g. the one
 * `scripts/pg.mjs` prints): each test then gets its own `CREATE DATABASE test_<random>`, dropped
 * by `close()`. `npm test` runs the server suite once per engine.
 */
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import {createPasskeyServer, type PasskeyServer, type ServerConfig} from '../../src/index.js';
import {SoftAuthenticator, type CreateTamper, type GetTamper} from './soft-authenticator.js';
import {
  TestBrowser,
  type TestRequestOptions,
  type TestResponse,
} from '../../../src/testing/test-browser.js';

export const ORIGIN = 'http://localhost:3000';
export const BASE = `${ORIGIN}/passkeys`;

export type ApiResponse = TestResponse;
export type RequestOptions = TestRequestOptions;

/** A browser (the shared test browser: Origin header, cookies kept) on `server.fetch`, no port. */
export class TestClient extends TestBrowser {
  constructor(server: PasskeyServer) {
    super(BASE, ORIGIN, (request) => server.fetch(request));
  }
}

export interface Counts {
  users: number;
  credentials: number;
  sessions: number;
}

/** Synchronous raw SQL for inspection in tests, on either engine (better-sqlite3's shape). */
export interface TestDb {
  prepare(sql: string): {get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[]};
  close(): void;
}

export interface Harness {
  server: PasskeyServer;
  client: TestClient;
  newClient(): TestClient;
  authenticator: SoftAuthenticator;
  /** Row counts, read from the database. */
  counts(): Counts;
  /** Runs raw SQL against the database (for inspection in tests; `?` placeholders). */
  db: TestDb;
  /** Moves the server's clock forward. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/** The engine the server tests run on (`TEST_ENGINE`). */
export const ENGINE: 'sqlite' | 'postgres' =
  process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
if (ENGINE === 'postgres' && !process.env.TEST_DATABASE_URL) {
  throw new Error(
    'TEST_ENGINE=postgres needs TEST_DATABASE_URL (a superuser URL; see scripts/pg.mjs)',
  );
}

export interface TestDatabase {
  /** What to hand the server: `{databaseUrl}` on PostgreSQL, `{databasePath}` on SQLite. */
  config: Pick<ServerConfig, 'databasePath' | 'databaseUrl'>;
  /** Raw synchronous access for inspection. */
  db(): TestDb;
  /** Removes the database (and its folder, on SQLite). */
  drop(): Promise<void>;
}

/** A fresh, empty database on the current engine (the server creates the tables). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (ENGINE === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'passkey-server-test-'));
    const path = join(dir, 'test.db');
    return {
      config: {databasePath: path, databaseUrl: null},
      db: () => new Database(path, {readonly: true}),
      async drop() {
        rmSync(dir, {recursive: true, force: true});
      },
    };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `test_${randomBytes(8).toString('hex')}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: {databasePath: ':memory:', databaseUrl: url.toString()},
    db: () => postgresTestDb(url.toString()),
    async drop() {
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs one statement on a connection of its own (CREATE / DROP DATABASE). */
export async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({connectionString: url});
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function findPsql(): string {
  if (process.env.PSQL) return process.env.PSQL;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
      if (existsSync(join(base, v, 'bin', 'psql'))) return join(base, v, 'bin', 'psql');
    }
  }
  return 'psql';
}

const literal = (value: unknown) =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number' || typeof value === 'bigint'
      ? String(value)
      : `'${String(value).replace(/'/g, "''")}'`;

/**
 * The tests' raw SQL on PostgreSQL, synchronously (through `psql`, as better-sqlite3 answers
 * synchronously): `?` placeholders are filled with quoted literals (test values only), rows come
 * back as JSON, and booleans read as 1/0 the way SQLite stores them.
 */
function postgresTestDb(url: string): TestDb {
  const psql = findPsql();
  const rows = (sql: string, params: unknown[]): Record<string, unknown>[] => {
    let i = 0;
    const text = sql.replace(/\?/g, () => literal(params[i++]));
    const wrapped = `SELECT coalesce(json_agg(t), '[]'::json) FROM (${text}) t`;
    const out = execFileSync(
      psql,
      [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', wrapped],
      {encoding: 'utf8'},
    );
    const parsed = JSON.parse(out.trim()) as Record<string, unknown>[];
    return parsed.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v]),
      ),
    );
  };
  return {
    prepare: (sql) => ({
      get: (...params) => rows(sql, params)[0],
      all: (...params) => rows(sql, params),
    }),
    close() {},
  };
}

/** A new server over a fresh database. Call `close()` when done (e.g. `t.after`). */
export async function startHarness(config: Partial<ServerConfig> = {}): Promise<Harness> {
  const database = await createTestDatabase();
  let offset = 0;
  let server: PasskeyServer;
  try {
    server = await createPasskeyServer(
      {
        port: 3000,
        rpId: 'localhost',
        rpName: 'Test RP',
        origins: [ORIGIN],
        ...database.config,
        basePath: '/passkeys',
        secret: 'test-secret-test-secret-test-secret',
        // The suites use the development surfaces (outbox, password seeding); production-mode
        // tests pass development: false.
        development: true,
        ...config,
      },
      {now: () => new Date(Date.now() + offset)},
    );
  } catch (error) {
    await database.drop();
    throw error;
  }
  const db = database.db();
  const counts = (): Counts => {
    const row = db
      .prepare(
        'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM credentials) AS credentials, (SELECT count(*) FROM sessions) AS sessions',
      )
      .get() as Counts;
    return {
      users: Number(row.users),
      credentials: Number(row.credentials),
      sessions: Number(row.sessions),
    };
  };
  return {
    server,
    client: new TestClient(server),
    newClient: () => new TestClient(server),
    authenticator: new SoftAuthenticator({origin: ORIGIN}),
    counts,
    db,
    advanceClock(ms) {
      offset += ms;
    },
    async close() {
      db.close();
      await server.close();
      await database.drop();
    },
  };
}

/**
 * Asserts an error answer: status, code, and the contract's body shape. `reason` (the message,
 * or a pattern in it) says which refusal it is: a code such as `verification_failed` or
 * `unauthenticated` has many causes, and a test should fail when the server refused for another.
 */
export function assertError(
  res: ApiResponse,
  status: number,
  code: string,
  reason?: string | RegExp,
): void {
  // SHOW_ERRORS=1 prints each refusal's message, to check tests fail for the reason they claim.
  if (process.env.SHOW_ERRORS)
    console.log(`  [${res.status} ${res.body?.error?.code}] ${res.body?.error?.message}`);
  assert.equal(
    res.status,
    status,
    `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`,
  );
  assert.equal(res.body?.error?.code, code, JSON.stringify(res.body));
  assert.equal(typeof res.body.error.message, 'string');
  if (typeof reason === 'string') assert.equal(res.body.error.message, reason, 'the reason');
  else if (reason) assert.match(res.body.error.message, reason, 'the reason');
}

/**
 * Runs `attempt`, asserts it was refused with `status`/`code`, and that no user, credential or
 * session was created or removed meanwhile.
 */
export async function assertRefusedWithoutChanges(
  h: Harness,
  attempt: () => Promise<ApiResponse>,
  status: number,
  code: string,
  reason?: string | RegExp,
): Promise<ApiResponse> {
  const before = h.counts();
  const res = await attempt();
  assertError(res, status, code, reason);
  assert.deepEqual(h.counts(), before, 'the database changed');
  return res;
}

// Ceremony shortcuts

export async function registrationOptions(
  client: TestClient,
  body: Record<string, unknown>,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const res = await client.post('/registration/options', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.options;
}

export async function authenticationOptions(
  client: TestClient,
  body: Record<string, unknown> = {},
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const res = await client.post('/authentication/options', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.options;
}

/** A full direct signup; returns the verify answer and the new credential id. */
export async function signUp(
  h: Harness,
  username: string,
  options: {client?: TestClient; authenticator?: SoftAuthenticator; tamper?: CreateTamper} = {},
) {
  const client = options.client ?? h.client;
  const authenticator = options.authenticator ?? h.authenticator;
  const creation = await registrationOptions(client, {username});
  const response = authenticator.create(creation, options.tamper);
  const res = await client.post('/registration/verify', {response});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return {...res.body, credentialId: response.id as string};
}

/** A full sign-in; `username` undefined: discoverable. */
export async function signIn(
  h: Harness,
  username: string | undefined,
  options: {client?: TestClient; authenticator?: SoftAuthenticator; tamper?: GetTamper} = {},
) {
  const client = options.client ?? h.client;
  const authenticator = options.authenticator ?? h.authenticator;
  const request = await authenticationOptions(client, username === undefined ? {} : {username});
  const response = authenticator.get(request, options.tamper);
  return client.post('/authentication/verify', {response});
}

/** Adds a passkey to the signed-in user of `client`; returns its id. */
export async function addPasskey(h: Harness, client: TestClient, name?: string): Promise<string> {
  const options = await registrationOptions(client, {});
  const response = h.authenticator.create(options);
  const res = await client.post('/registration/verify', name ? {response, name} : {response});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return response.id;
}
