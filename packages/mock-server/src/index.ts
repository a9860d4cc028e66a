export {
  createMockServer,
  startMockServer,
  type MockServer,
  type MockServerOptions,
} from './createMockServer';
export { ConfigError, DEV_DEFAULTS, loadConfig, type MockServerConfig } from './config';
export {
  PaymentService,
  type MomoResultOutcome,
  type PaymentServiceMetrics,
  type PaymentServiceOptions,
} from './PaymentService';
export { PaymentStore, type TransactionRecord } from './PaymentStore';
export { ApiError } from './ApiError';
export { PaymentError, type PaymentErrorKind } from './PaymentError';
export {
  FakeMomo,
  type FakeMomoOptions,
  type IpnDelivery,
  type MomoAnswer,
  type SettleResult,
} from './fakeMomo/FakeMomo';
export { FakeMomoStore, type FakeMomoPayment } from './fakeMomo/FakeMomoStore';
