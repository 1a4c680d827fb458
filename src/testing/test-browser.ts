/**
 * A browser as far as a backend can tell: every request carries an `Origin` header, JSON bodies
 * go out with their content type, and the cookies the backend sets are kept and sent back. The
 * conformance kit drives a backend over HTTP with it; the reference backend's own tests drive
 * `server.fetch` with it, without a port.
 */

export interface TestResponse {
  status: number;
  /** The parsed JSON body; the text when it is not JSON; null when there is none. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface TestRequestOptions {
  /** A value to send as JSON. */
  json?: unknown;
  /** A raw body (sent as is, with `contentType`). */
  body?: RequestInit['body'];
  /** Default: `application/json` when there is a body; null leaves the header out. */
  contentType?: string | null;
  /** The `Origin` header; null leaves it out (default: the browser's origin). */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** How requests reach the backend: `fetch` over the network, or a server's fetch handler. */
export type Send = (request: Request) => Response | Promise<Response>;

export class TestBrowser {
  /**
   * The cookies kept, by name. One backend at one base URL, so one host and path: a cookie is
   * dropped when the backend expires it (`Max-Age=0`, a past `Expires`, an empty value). Tests
   * may plant or remove cookies here.
   */
  readonly cookies = new Map<string, string>();

  /**
   * @param base The API's base URL; request paths are appended to it.
   * @param origin The pages' origin, sent as `Origin`.
   * @param send Default: `fetch`, without following redirects.
   */
  constructor(
    readonly base: string,
    readonly origin: string,
    private readonly send: Send = (request) => fetch(request),
  ) {}

  async request(
    method: string,
    path: string,
    options: TestRequestOptions = {},
  ): Promise<TestResponse> {
    const headers = new Headers(options.headers);
    const origin = options.origin === undefined ? this.origin : options.origin;
    if (origin !== null) headers.set('origin', origin);
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
    const contentType =
      options.contentType === undefined
        ? body !== undefined
          ? 'application/json'
          : null
        : options.contentType;
    if (contentType !== null) headers.set('content-type', contentType);
    if (this.cookies.size)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.send(
      new Request(this.base + path, {
        method,
        headers,
        body,
        redirect: 'manual',
        duplex: 'half', // a stream body (the size-limit tests) needs it
      } as RequestInit),
    );
    for (const line of res.headers.getSetCookie()) this.keep(line);
    const text = await res.text();
    let parsed: unknown = text; // left as text when it is not JSON: a check that wanted JSON says so
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return {status: res.status, body: parsed, headers: res.headers};
  }

  post(path: string, json: unknown, options: Omit<TestRequestOptions, 'json'> = {}) {
    return this.request('POST', path, {...options, json});
  }
  get(path: string) {
    return this.request('GET', path);
  }
  delete(path: string, options: TestRequestOptions = {}) {
    return this.request('DELETE', path, options);
  }

  /** Keeps (or drops) the cookie one `Set-Cookie` line sets. */
  private keep(line: string) {
    const [pair = '', ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    if (at < 0) return;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const expired = attributes.some((a) => {
      const [key = '', v = ''] = a.split('=').map((s) => s.trim());
      if (/^max-age$/i.test(key)) return Number(v) <= 0;
      if (/^expires$/i.test(key)) return Date.parse(v) <= Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
