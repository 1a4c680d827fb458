import type {z} from 'zod';
import {invalidRequest} from '../errors.js';
import type {AppContext} from './context.js';

const utf8 = new TextDecoder('utf-8', {fatal: true});

/** One line naming the first few problems, e.g. `response.rawId: Invalid base64url`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/** Validates `value` against `schema`, or throws `400 invalid_request` saying what is wrong. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(`Invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}

/** Parses the request body (read by the body guard) as JSON and validates it against `schema`. */
export function parseBody<S extends z.ZodType>(c: AppContext, schema: S): z.output<S> {
  const raw = c.get('rawBody');
  if (!raw || raw.byteLength === 0) throw invalidRequest('A JSON body is required');
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(raw));
  } catch {
    throw invalidRequest('The body is not valid JSON');
  }
  return validate(schema, value);
}
