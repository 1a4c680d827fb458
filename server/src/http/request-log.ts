import type {MiddlewareHandler} from 'hono';
import type {AppEnv} from './context.js';

/**
 * The request log (`config.requestLog`): one line per request once it is answered,
 * `METHOD /path status 12ms [error_code]`, e.g. `POST /passkeys/authentication/verify 400 9ms
 * verification_failed`. The path is logged without its query string, and nothing of the body or
 * headers: no token, code or cookie reaches the log. The error code is read from the contract's
 * error body (`{error: {code}}`) of a 4xx or 5xx answer.
 */
export function requestLog(
  write: (line: string) => void = (line) => console.log(line),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    const code = c.res.status >= 400 ? await errorCode(c.res) : undefined;
    write(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms${code ? ` ${code}` : ''}`);
  };
}

/** The contract's error code in a JSON error answer, if it has one. */
async function errorCode(res: Response): Promise<string | undefined> {
  if (!res.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const body = (await res.clone().json()) as {error?: {code?: unknown}};
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}
