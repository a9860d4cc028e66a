export { PaymentSocketProvider, type PaymentSocketProviderProps } from './PaymentSocketProvider';
export type { PaymentSocketHookOptions } from './usePaymentSocketClient';
export {
  usePaymentSocket,
  type PaymentSocketHandlers,
  type UsePaymentSocketResult,
} from './usePaymentSocket';
export {
  useDepositListener,
  type DepositListenerOptions,
  type DepositListenerResult,
} from './useDepositListener';
export { useTransactionStatus, type TransactionStatusResult } from './useTransactionStatus';
export { usePaymentSocketDebug } from './usePaymentSocketDebug';
export { DepositQRModal, type DepositQRModalProps } from './DepositQRModal';
export type { DepositPhase, ConnectionIndicator } from './modal/DepositPhase';
export type { DepositQRClassNames } from './modal/DepositQRClassNames';
export type { DepositQRTheme } from './modal/DepositQRView';
export type { DepositQRLocale, DepositQRMessages } from './modal/messages';
