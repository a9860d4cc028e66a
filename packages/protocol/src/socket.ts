import type {
  DepositCompletedEvent,
  PaymentStatusUpdateEvent,
  SessionInfo,
  WithdrawalCompletedEvent,
} from './schemas';

/** Typed map of what the server emits, for `Socket<ServerToClientEvents>` / `Server<…>`. */
export interface ServerToClientEvents {
  'deposit_completed:v1': (event: DepositCompletedEvent) => void;
  'withdrawal_completed:v1': (event: WithdrawalCompletedEvent) => void;
  'payment_status_update:v1': (event: PaymentStatusUpdateEvent) => void;
  'session:v1': (session: SessionInfo) => void;
}

/** Clients only listen: nothing is sent to the server over the socket. */
export type ClientToServerEvents = Record<never, never>;

/** What a client puts in `handshake.auth`. */
export interface HandshakeAuth {
  /** A JWT, in token mode (cookie mode sends the `access_token` cookie instead). */
  token?: string;
  /** The event log the client's lastSeq belongs to. */
  epoch?: string;
  /** Highest seq the client has seen for this user. */
  lastSeq?: number;
}

/** Codes in `err.data.code` of a refused handshake (the error message is `UNAUTHORIZED`). */
export type HandshakeErrorCode = 'UNAUTHORIZED' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED';
export interface HandshakeErrorData {
  code: HandshakeErrorCode;
}
export const HANDSHAKE_ERROR_MESSAGE = 'UNAUTHORIZED';

/** Name of the httpOnly cookie that carries the JWT. */
export const ACCESS_TOKEN_COOKIE = 'access_token';

/** REST paths of the reference server. */
export const API_PATHS = {
  login: '/api/v1/auth/login',
  logout: '/api/v1/auth/logout',
  wallet: '/api/v1/wallet',
  deposit: '/api/v1/payment/deposit',
  cancelDeposit: (id: string) => `/api/v1/payment/deposit/${encodeURIComponent(id)}/cancel`,
  momoCallback: '/api/v1/payment/momo/callback',
  confirmDeposit: '/api/v1/payment/confirm-deposit',
  withdraw: '/api/v1/payment/withdraw',
  transactions: '/api/v1/payment/transactions',
  transaction: (id: string) => `/api/v1/payment/transactions/${encodeURIComponent(id)}`,
  metrics: '/metrics',
  mockMomoPay: (orderId: string) => `/mock-momo/pay/${encodeURIComponent(orderId)}`,
} as const;
