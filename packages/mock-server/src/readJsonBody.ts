import type { Context } from 'hono';
import { ApiError } from './ApiError';

/**
 * The request's JSON object body: 415 unless the content type is JSON, 400 when the text
 * is not JSON or not an object. The body size limit applies before this reads anything.
 */
export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'MALFORMED_JSON', 'the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'INVALID_BODY', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
