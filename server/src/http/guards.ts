import {IncomingMessage} from 'node:http';
import type {MiddlewareHandler} from 'hono';
import {ApiError} from '../errors.js';
import type {AppEnv} from './context.js';

/** Methods that change state: they must come from a configured origin. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses state-changing requests whose `Origin` header is missing or not one of `origins`
 * (`403 origin_mismatch`). Together with `SameSite=Lax` cookies this stops cross-site requests.
 */
export function requireAllowedOrigin(
  origins: readonly string[],
  /** Paths that authenticate by a bearer header instead of a cookie (no CSRF risk), e.g. `/admin/`. */
  exempt: (path: string) => boolean = () => false,
): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins);
  return async (c, next) => {
    if (STATE_CHANGING.has(c.req.method) && !exempt(c.req.path)) {
      const origin = c.req.header('origin');
      if (!origin || !allowed.has(origin)) {
        throw new ApiError(
          403,
          'origin_mismatch',
          origin ? `Origin ${origin} is not allowed` : 'Origin header missing',
        );
      }
    }
    await next();
  };
}

const EMPTY = new Uint8Array(0);

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * Whether the request came through Node's HTTP/1 server (`@hono/node-server` passes the
 * `IncomingMessage` as `env.incoming`), whose parser delivers exactly `Content-Length` bytes of
 * body: a declared length then bounds what can arrive, and the body is read in one go.
 */
function fromNodeHttp1(env: unknown): boolean {
  return (env as {incoming?: unknown} | undefined)?.incoming instanceof IncomingMessage;
}

/**
 * Reads the request body once, into `c.var.rawBody`, refusing more than `maxBytes` both by the
 * declared `Content-Length` and by what actually arrives (`413 payload_too_large`), and refusing
 * a non-empty body that is not `application/json` (`415 unsupported_media_type`).
 */
export function readBoundedBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () =>
    new ApiError(413, 'payload_too_large', `The body exceeds ${maxBytes} bytes`);
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && !(Number(declared) <= maxBytes)) throw tooLarge();

    let body: Uint8Array = EMPTY;
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (declared !== undefined && fromNodeHttp1(c.env)) {
        // At most the declared length, which is within the limit (checked again all the same).
        body = new Uint8Array(await c.req.raw.arrayBuffer());
        if (body.byteLength > maxBytes) throw tooLarge();
      } else if (c.req.raw.body) {
        // No length, or a Request built in process: count the stream as it arrives.
        const chunks: Uint8Array[] = [];
        let size = 0;
        const reader = c.req.raw.body.getReader();
        for (;;) {
          const {done, value} = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > maxBytes) {
            await reader.cancel().catch(() => {});
            throw tooLarge();
          }
          chunks.push(value);
        }
        body = Buffer.concat(chunks, size);
      }
    }
    if (body.byteLength > 0 && !isJson(c.req.header('content-type'))) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    c.set('rawBody', body);
    await next();
  };
}
