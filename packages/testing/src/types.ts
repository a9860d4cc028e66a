import type {
  DepositCompletedEvent,
  HandshakeErrorCode,
  PaymentStatusUpdateEvent,
  TransactionSnapshot,
  WithdrawalCompletedEvent,
} from '@paysocket/protocol';
import type { HttpHandler } from 'msw';

export interface PaymentBackendMockOptions {
  /** The backend's origin (what the client gets as `url`/`apiUrl`), e.g. `http://api.test`. */
  url: string;
  /**
   * The signed-in user: a request or handshake without credentials (or with a token this
   * mock did not issue) is this user's. Others exist once they log in.
   */
  userId: string;
  /** Starting balance of `userId`, in VND. Defaults to `0`. */
  balance?: number;
  /** Socket.IO path, as the client's `path` option. Defaults to `'/socket.io'`. */
  path?: string;
  /** How long a new deposit stays payable (its `expiresAt`). Defaults to 15 minutes. */
  depositTtlMs?: number;
  /**
   * Engine.IO's heartbeat, told to the client in the handshake. Defaults to engine.io's 25 s
   * and 20 s. A test that moves fake timers far ahead raises both, so that neither side
   * gives the other up for lost in the jump.
   */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
}

export interface CreateDepositOptions {
  /** Integer VND within MoMo's limits (1,000–50,000,000). */
  amount: number;
  /** The owner. Defaults to the mock's `userId`. */
  userId?: string;
}

export interface CreateWithdrawalOptions {
  /** Integer VND within MoMo's limits, at most the balance left by pending withdrawals. */
  amount: number;
  /** The owner. Defaults to the mock's `userId`. */
  userId?: string;
}

export interface RejectAuthOptions {
  /** Refuse only the next `times` handshakes. Defaults to every one until `acceptAuth()`. */
  times?: number;
}

/**
 * A paysocket backend played by msw handlers: the REST API and Socket.IO (long-polling) with
 * `session:v1`, per-user `seq`, `eventId` and replay on reconnect. The driver methods change
 * its state the way the real server would and tell connected clients at once.
 */
export interface PaymentBackendMock {
  /** Pass to `setupServer(...)` (msw/node) or `setupWorker(...)` (msw/browser). */
  readonly handlers: readonly HttpHandler[];
  readonly url: string;
  readonly userId: string;
  /** The event log's epoch; `reset()` starts a new one, as a server that lost its log would. */
  readonly epoch: string;
  /** A pending deposit, exactly what `POST /api/v1/payment/deposit` answers. */
  createDeposit(options: CreateDepositOptions): TransactionSnapshot;
  /** MoMo paid: credits the wallet and emits `deposit_completed:v1` (also after `expired` / `user_cancelled`). */
  completeDeposit(
    transactionId: string,
    options?: { providerTransactionId?: string },
  ): DepositCompletedEvent;
  /** Emits `payment_status_update:v1` failed. Defaults to `insufficient_funds`. */
  failDeposit(transactionId: string, reason?: string): PaymentStatusUpdateEvent;
  /** Emits `payment_status_update:v1` cancelled. Defaults to `user_cancelled`. */
  cancelDeposit(transactionId: string, reason?: string): PaymentStatusUpdateEvent;
  /** The server-side expiry: failed `expired`. */
  expireDeposit(transactionId: string): PaymentStatusUpdateEvent;
  /**
   * A pending withdrawal, what `POST /api/v1/payment/withdraw` answers; announced as
   * `payment_status_update:v1` pending. Refused beyond the balance pending ones leave.
   */
  createWithdrawal(options: CreateWithdrawalOptions): TransactionSnapshot;
  /** Pays it out: debits the wallet and emits `withdrawal_completed:v1`. */
  completeWithdrawal(transactionId: string): WithdrawalCompletedEvent;
  /** The transaction as `GET /api/v1/payment/transactions/:id` shows it to its owner. */
  getTransaction(transactionId: string): TransactionSnapshot | undefined;
  /** A wallet balance. Defaults to the mock's `userId`. */
  getBalance(userId?: string): number;
  /** Sockets connected now (handshake done). */
  connectionCount(): number;
  /** Cuts every connection as a network loss would; clients reconnect and get the replay. */
  dropConnection(): void;
  /**
   * Refuses Socket.IO handshakes as the real auth middleware does: `connect_error` with
   * message `UNAUTHORIZED` and `data.code`. Connected sockets stay; drop them to make a
   * connected client meet the refusal.
   */
  rejectAuth(code?: HandshakeErrorCode, options?: RejectAuthOptions): void;
  /** Stops refusing handshakes. */
  acceptAuth(): void;
  /**
   * Emits anything JSON can carry to every connected socket, unchecked and unlogged (for
   * malformed input); binary payloads throw a TypeError.
   */
  sendRaw(event: string, payload: unknown): void;
  /** Back to the starting state with a new epoch: no transactions, logs, tokens or refusals. */
  reset(): void;
}
