export {
  EVENTS,
  EVENT_NAME_BY_KIND,
  PAYMENT_EVENT_KINDS,
  parseEventName,
  userRoom,
  type PaymentEventKind,
  type PaymentEventName,
} from './events';
export {
  TERMINAL_STATUSES,
  TRANSACTION_STATUSES,
  acceptsLateSuccess,
  canTransition,
  isFinalState,
  isTerminalStatus,
  type KnownFailureReason,
  type StatusState,
  type TerminalStatus,
  type TransactionStatus,
  type TransactionType,
} from './status';
export {
  MOMO_MAX_AMOUNT,
  MOMO_MIN_AMOUNT,
  isValidMomoAmount,
  mapMomoResultCode,
  type MomoResultMapping,
} from './momo';
export { parseVndAmount, type ParsedVndAmount, type VndAmountProblem } from './parseVndAmount';
export {
  amountSchema,
  depositCompletedSchema,
  errorBodySchema,
  loginResponseSchema,
  paymentStatusUpdateSchema,
  sessionSchema,
  statusMetadataSchema,
  timestampSchema,
  transactionSnapshotSchema,
  transactionStatusSchema,
  transactionTypeSchema,
  transactionsPageSchema,
  walletSchema,
  withdrawalCompletedSchema,
  type DepositCompletedEvent,
  type DepositRequest,
  type ErrorBody,
  type LoginRequest,
  type LoginResponse,
  type PaymentEvent,
  type PaymentStatusUpdateEvent,
  type SessionInfo,
  type TransactionSnapshot,
  type TransactionsPage,
  type Wallet,
  type WithdrawRequest,
  type WithdrawalCompletedEvent,
} from './schemas';
export {
  ACCESS_TOKEN_COOKIE,
  API_PATHS,
  HANDSHAKE_ERROR_MESSAGE,
  type ClientToServerEvents,
  type HandshakeAuth,
  type HandshakeErrorCode,
  type HandshakeErrorData,
  type ServerToClientEvents,
} from './socket';
export { PAYMENT_EVENT_SCHEMAS } from './paymentEventSchemas';
// Its own module, so that browser bundles, which never read a handshake, leave it out.
export { handshakeAuthSchema, type ParsedHandshakeAuth } from './handshakeAuthSchema';
