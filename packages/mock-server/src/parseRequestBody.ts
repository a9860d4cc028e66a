import type * as z from 'zod/mini';
import { ApiError } from './ApiError';

/** The code and message a refused field answers with. */
export interface FieldRefusal {
  code: string;
  message: string;
}

/**
 * Parses a request body with its protocol schema. A refusal names the first field, in the
 * order of `refusals`, that failed (so each field keeps its own error code); a failure in
 * any other field answers 400 `INVALID_BODY` with the schema's message.
 */
export function parseRequestBody<S extends z.ZodMiniType>(
  schema: S,
  body: unknown,
  refusals: Record<string, FieldRefusal>,
): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const failed = new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')));
  for (const [field, refusal] of Object.entries(refusals)) {
    if (failed.has(field)) throw new ApiError(400, refusal.code, refusal.message);
  }
  const issue = result.error.issues[0];
  throw new ApiError(
    400,
    'INVALID_BODY',
    issue ? `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` : 'invalid body',
  );
}
