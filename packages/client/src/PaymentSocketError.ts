export type PaymentSocketErrorCode =
  /** A payload failed its schema; it was not delivered. */
  | 'INVALID_EVENT'
  /** The server refused the credentials and the one refresh did not help. */
  | 'AUTH_FAILED'
  /** A REST look-up of a transaction failed. */
  | 'LOOKUP_FAILED'
  /** The server's `session:v1` names another user than the one the client was set to. */
  | 'USER_MISMATCH'
  /** The connection could not be (re)established. */
  | 'CONNECTION_FAILED'
  /** The client was destroyed. */
  | 'DESTROYED';

export interface PaymentSocketErrorOptions {
  cause?: unknown;
  /** Event name, for `INVALID_EVENT`. */
  event?: string;
  /** Transaction concerned, when there is one. */
  transactionId?: string;
}

/** The one error type of paysocket: switch on `code`. */
export class PaymentSocketError extends Error {
  override readonly name = 'PaymentSocketError';
  readonly code: PaymentSocketErrorCode;
  readonly event: string | undefined;
  readonly transactionId: string | undefined;

  constructor(
    code: PaymentSocketErrorCode,
    message: string,
    options: PaymentSocketErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.event = options.event;
    this.transactionId = options.transactionId;
  }
}

export function isPaymentSocketError(value: unknown): value is PaymentSocketError {
  return value instanceof PaymentSocketError;
}

/** `INVALID_EVENT` for a payload that failed its schema: names the event and the first issue. */
export function invalidEventError(
  name: string,
  cause: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  payload: unknown,
): PaymentSocketError {
  const issue = cause.issues[0];
  const id = (payload as { transactionId?: unknown } | null)?.transactionId;
  return new PaymentSocketError(
    'INVALID_EVENT',
    `Invalid ${name}: ${issue?.path.join('.') || 'payload'}: ${issue?.message}`,
    { event: name, cause, transactionId: typeof id === 'string' ? id : undefined },
  );
}
