export { createPaymentBackendMock } from './createPaymentBackendMock';
export { LedgerError, type LedgerErrorCode } from './LedgerError';
export type {
  CreateDepositOptions,
  CreateWithdrawalOptions,
  PaymentBackendMock,
  PaymentBackendMockOptions,
  RejectAuthOptions,
} from './types';
