/**
 * Test harness: a fresh server over a temporary SQLite file per test, driven through
 * `app.fetch(new Request(...))` (no ports), with cookie-keeping clients and row counts read
 * straight from the database file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { createPasskeyServer, type PasskeyServer, type ServerConfig } from '../../src/index.js';
import { SoftAuthenticator, type CreateTamper, type GetTamper } from './soft-authenticator.js';

export const ORIGIN = 'http://localhost:3000';
export const BASE = `${ORIGIN}/passkeys`;

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface RequestOptions {
  /** A value to send as JSON. */
  json?: unknown;
  /** A raw body (sent as is, with `contentType`). */
  body?: BodyInit;
  contentType?: string | null;
  /** The `Origin` header; `null` leaves it out (default: the configured origin). */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A browser: keeps the cookies the server sets and sends them back. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly server: PasskeyServer) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers = new Headers(options.headers);
    const origin = options.origin === undefined ? ORIGIN : options.origin;
    if (origin !== null) headers.set('origin', origin);
    let body = options.body;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    const contentType = options.contentType === undefined ? (body !== undefined ? 'application/json' : null) : options.contentType;
    if (contentType !== null) headers.set('content-type', contentType);
    if (this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await this.server.fetch(
      new Request(`${BASE}${path}`, { method, headers, body, duplex: 'half' } as RequestInit),
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  post(path: string, json: unknown, options: Omit<RequestOptions, 'json'> = {}) {
    return this.request('POST', path, { ...options, json });
  }
  get(path: string) {
    return this.request('GET', path);
  }
  delete(path: string, options: RequestOptions = {}) {
    return this.request('DELETE', path, options);
  }
}

export interface Counts {
  users: number;
  credentials: number;
  sessions: number;
}

export interface Harness {
  server: PasskeyServer;
  client: TestClient;
  newClient(): TestClient;
  authenticator: SoftAuthenticator;
  /** Row counts, read from the database file. */
  counts(): Counts;
  /** Runs raw SQL against the database file (for inspection in tests). */
  db: Database.Database;
  /** Moves the server's clock forward. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/** A new server over a fresh temporary database. Call `close()` when done (e.g. `t.after`). */
export async function startHarness(config: Partial<ServerConfig> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-server-test-'));
  let offset = 0;
  const server = await createPasskeyServer(
    {
      port: 3000,
      rpId: 'localhost',
      rpName: 'Test RP',
      origins: [ORIGIN],
      databasePath: join(dir, 'test.db'),
      basePath: '/passkeys',
      secret: 'test-secret-test-secret-test-secret',
      ...config,
    },
    { now: () => new Date(Date.now() + offset) },
  );
  const db = new Database(join(dir, 'test.db'), { readonly: true });
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    server,
    client: new TestClient(server),
    newClient: () => new TestClient(server),
    authenticator: new SoftAuthenticator({ origin: ORIGIN }),
    counts: () => ({ users: count('users'), credentials: count('credentials'), sessions: count('sessions') }),
    db,
    advanceClock(ms) {
      offset += ms;
    },
    async close() {
      db.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Asserts an error answer: status, code, and the contract's body shape. */
export function assertError(res: ApiResponse, status: number, code: string): void {
  // SHOW_ERRORS=1 prints each refusal's message, to check tests fail for the reason they claim.
  if (process.env.SHOW_ERRORS) console.log(`  [${res.status} ${res.body?.error?.code}] ${res.body?.error?.message}`);
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body?.error?.code, code, JSON.stringify(res.body));
  assert.equal(typeof res.body.error.message, 'string');
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
): Promise<ApiResponse> {
  const before = h.counts();
  const res = await attempt();
  assertError(res, status, code);
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
  options: { client?: TestClient; authenticator?: SoftAuthenticator; tamper?: CreateTamper } = {},
) {
  const client = options.client ?? h.client;
  const authenticator = options.authenticator ?? h.authenticator;
  const creation = await registrationOptions(client, { username });
  const response = authenticator.create(creation, options.tamper);
  const res = await client.post('/registration/verify', { response });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { ...res.body, credentialId: response.id as string };
}

/** A full sign-in; `username` undefined: discoverable. */
export async function signIn(
  h: Harness,
  username: string | undefined,
  options: { client?: TestClient; authenticator?: SoftAuthenticator; tamper?: GetTamper } = {},
) {
  const client = options.client ?? h.client;
  const authenticator = options.authenticator ?? h.authenticator;
  const request = await authenticationOptions(client, username === undefined ? {} : { username });
  const response = authenticator.get(request, options.tamper);
  return client.post('/authentication/verify', { response });
}

/** Adds a passkey to the signed-in user of `client`; returns its id. */
export async function addPasskey(h: Harness, client: TestClient, name?: string): Promise<string> {
  const options = await registrationOptions(client, {});
  const response = h.authenticator.create(options);
  const res = await client.post('/registration/verify', name ? { response, name } : { response });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return response.id;
}
