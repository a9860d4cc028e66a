/** Why the mock backend refused an operation; the REST handlers map each code to a status. */
export type LedgerErrorCode =
  'INVALID_AMOUNT' | 'INSUFFICIENT_FUNDS' | 'NOT_FOUND' | 'NOT_PENDING' | 'CONFLICTING_RESULT';

/** A refused operation, thrown by the driver methods and answered as JSON by the REST API. */
export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  constructor(code: LedgerErrorCode, message: string) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
  }
}
