export { createPaymentBackendMock } from './createPaymentBackendMock';
export { LedgerError, type LedgerErrorCode } from './LedgerError';
export type {
  CreateDepositOptions,
  PaymentBackendMock,
  PaymentBackendMockOptions,
  RejectAuthOptions,
} from './types';
