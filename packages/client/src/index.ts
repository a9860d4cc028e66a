export { PaymentSocketClient } from './PaymentSocketClient';
export {
  PaymentSocketError,
  isPaymentSocketError,
  type PaymentSocketErrorCode,
  type PaymentSocketErrorOptions,
} from './PaymentSocketError';
export type {
  ClientEventMap,
  ClientEventName,
  ClientMetrics,
  ClientState,
  ConnectionStatus,
  LatencyStats,
  Logger,
  PaymentEventMap,
  PaymentSocketClientApi,
  PaymentSocketClientOptions,
  ReconnectOptions,
  TokenProvider,
  TransactionObserverApi,
  TransactionObserverSnapshot,
  TransactionOutcome,
  TransactionState,
  TransactionWatch,
  WatchOptions,
  WatchResult,
  WatchResultStatus,
} from './types';
