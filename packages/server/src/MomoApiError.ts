/**
 * Why a MoMo API call failed:
 * - `timeout`: no complete answer within `timeoutMs` (the last attempt's);
 * - `network`: the request never got an HTTP answer (refused, reset, DNS);
 * - `http`: an HTTP error status without a MoMo result body (a proxy's 502 page, say);
 * - `invalid_response`: the body is not JSON or lacks MoMo's fields;
 * - `mismatch`: the body names another partner, order, request or amount than was asked for;
 * - `rejected`: MoMo answered with a `resultCode` that refuses the request.
 */
export type MomoApiErrorKind =
  'timeout' | 'network' | 'http' | 'invalid_response' | 'mismatch' | 'rejected';

export interface MomoApiErrorDetails {
  resultCode?: number | undefined;
  status?: number | undefined;
  body?: unknown;
  attempts?: number | undefined;
  cause?: unknown;
}

/** A failed MoMo API call. `resultCode` is MoMo's own code when MoMo gave one. */
export class MomoApiError extends Error {
  readonly kind: MomoApiErrorKind;
  /** MoMo's `resultCode` (kind `rejected`), otherwise undefined. */
  readonly resultCode: number | undefined;
  /** The HTTP status, when an answer arrived. */
  readonly status: number | undefined;
  /** The parsed (or, when not JSON, the raw text) answer body, when one arrived. */
  readonly body: unknown;
  /** How many HTTP requests were sent, retries included. */
  readonly attempts: number;

  constructor(kind: MomoApiErrorKind, message: string, details: MomoApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MomoApiError';
    this.kind = kind;
    this.resultCode = details.resultCode;
    this.status = details.status;
    this.body = details.body;
    this.attempts = details.attempts ?? 1;
  }

  /** Whether the same request (same requestId) may be sent again: MoMo never answered it. */
  get retryable(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'network' ||
      (this.kind === 'http' && this.status !== undefined && this.status >= 500)
    );
  }
}
