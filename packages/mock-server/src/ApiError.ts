import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A refusal the API answers as `{ error: { code, message } }` with an HTTP status. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}
