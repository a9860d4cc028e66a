export {
  PaymentNotifier,
  type CallerTransaction,
  type DepositCompletedData,
  type Notified,
  type NotifierMetrics,
  type NotifierServerSideEvents,
  type PaymentNotifierOptions,
  type PaymentSocket,
  type PaymentSocketServer,
  type PaymentStatusUpdateData,
  type WithdrawalCompletedData,
} from './PaymentNotifier';
export type {
  AsyncEventLog,
  EventLog,
  ReplayResult,
  StoreTransaction,
  StoredEvent,
  UnsequencedEvent,
} from './EventLog';
export {
  SqliteEventLog,
  type SqliteDatabaseLike,
  type SqliteEventLogOptions,
  type SqliteStatementLike,
} from './SqliteEventLog';
export { RedisEventLog, type RedisClientLike, type RedisEventLogOptions } from './RedisEventLog';
export {
  AccessTokenError,
  signAccessToken,
  verifyAccessToken,
  type AccessTokenClaims,
  type SignAccessTokenOptions,
} from './accessToken';
export {
  createSocketAuthMiddleware,
  handshakeError,
  handshakeToken,
  type AuthenticatedSocketData,
  type SocketAuthOptions,
} from './socketAuthMiddleware';
export {
  createOriginAllowRequest,
  createSessionOriginGuard,
  isOriginAllowed,
  type AllowRequest,
  type EngineMiddleware,
  type OriginPolicy,
} from './originAllowRequest';
export {
  MOMO_IPN_SIGNED_FIELDS,
  buildMomoIpnRawSignature,
  signMomoIpn,
  verifyMomoIpnSignature,
  type MomoIpnSignedValues,
  type MomoKeys,
} from './momoSignature';
export {
  momoIpnSchema,
  parseMomoIpn,
  type MomoIpn,
  type MomoIpnParseResult,
} from './momoIpnSchema';
export {
  createMomoClient,
  momoCreatePaymentResponseSchema,
  momoQueryPaymentResponseSchema,
  type MomoClient,
  type MomoClientOptions,
  type MomoCreatePaymentRequest,
  type MomoCreatePaymentResponse,
  type MomoQueryPaymentRequest,
  type MomoQueryPaymentResponse,
} from './createMomoClient';
export { MomoApiError, type MomoApiErrorDetails, type MomoApiErrorKind } from './MomoApiError';
export {
  MOMO_CREATE_SIGNED_FIELDS,
  MOMO_QUERY_SIGNED_FIELDS,
  buildMomoCreateRawSignature,
  buildMomoQueryRawSignature,
  signMomoCreateRequest,
  signMomoQueryRequest,
  verifyMomoCreateSignature,
  verifyMomoQuerySignature,
  type MomoCreateSignedValues,
  type MomoQuerySignedValues,
} from './momoApiSignature';
