/**
 * What kind of refusal: bad input, something that does not exist (or is not the caller's),
 * a state that forbids it, or MoMo failing to take part.
 */
export type PaymentErrorKind = 'invalid' | 'not_found' | 'conflict' | 'provider';

/**
 * A refusal by the payment rules, free of any transport: the HTTP edge turns `kind` into a
 * status, and `code` and `message` reach the caller as they are.
 */
export class PaymentError extends Error {
  readonly kind: PaymentErrorKind;
  readonly code: string;
  constructor(kind: PaymentErrorKind, code: string, message: string) {
    super(message);
    this.name = 'PaymentError';
    this.kind = kind;
    this.code = code;
  }
}
