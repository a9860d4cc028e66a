import {
  ACCESS_TOKEN_COOKIE,
  EVENTS,
  HANDSHAKE_ERROR_MESSAGE,
  type HandshakeErrorCode,
  type HandshakeErrorData,
  type SessionInfo,
} from '@paysocket/protocol';
import { createRestHandlers } from './createRestHandlers';
import { PaymentLedger } from './PaymentLedger';
import { SocketIoPollingServer, type MockSocket } from './SocketIoPollingServer';
import type { PaymentBackendMock, PaymentBackendMockOptions } from './types';

const DEFAULT_DEPOSIT_TTL_MS = 15 * 60 * 1000;

/**
 * A paysocket backend as msw handlers, for the real `PaymentSocketClient` in Node, jsdom and
 * a browser (msw's worker): REST plus Socket.IO over long-polling, with the reference server's
 * delivery rules (replay after the handshake's epoch + lastSeq, then `session:v1`).
 */
export function createPaymentBackendMock(options: PaymentBackendMockOptions): PaymentBackendMock {
  if (!options?.url) throw new TypeError('createPaymentBackendMock: options.url is required');
  const { userId } = options;
  if (!userId) throw new TypeError('createPaymentBackendMock: options.userId is required');
  const balance = options.balance ?? 0;
  if (!Number.isSafeInteger(balance) || balance < 0) {
    throw new RangeError('createPaymentBackendMock: balance must be a non-negative integer');
  }
  const base = new URL(options.url).href.replace(/\/+$/, '');
  const path = `/${(options.path ?? '/socket.io').replace(/^\/+|\/+$/g, '')}/`;

  /** Tokens from the login route, by value; a revoked one is refused from then on. */
  const tokens = new Map<string, string>();
  const revoked = new Set<string>();
  let issued = 0;
  let rejection: { code: HandshakeErrorCode; remaining: number } | undefined;

  const newLedger = () =>
    new PaymentLedger({
      baseUrl: base,
      userId,
      balance,
      depositTtlMs: options.depositTtlMs ?? DEFAULT_DEPOSIT_TTL_MS,
      publish: (owner, event) => {
        for (const socket of io.sockets()) {
          if (socket.userId === owner) socket.emit(event.name, event.payload);
        }
      },
    });
  let ledger = newLedger();

  /** Credentials name a user only when this mock issued them; anything else is `userId`'s. */
  const identify = (token: string | undefined) => {
    if (token === undefined) return userId;
    if (revoked.has(token)) return undefined;
    return tokens.get(token) ?? userId;
  };

  const refuse = (code: HandshakeErrorCode) => {
    const data: HandshakeErrorData = { code };
    return { error: { message: HANDSHAKE_ERROR_MESSAGE, data } };
  };

  /** The reference notifier's order: replay what the handshake missed, then `session:v1`. */
  const startSession = (socket: MockSocket) => {
    const { epoch, lastSeq } = socket.handshake.auth;
    const requested =
      typeof lastSeq === 'number' && Number.isSafeInteger(lastSeq) && lastSeq >= 0
        ? lastSeq
        : undefined;
    const resumes = requested !== undefined && epoch === ledger.epoch;
    if (resumes) {
      for (const event of ledger.replay(socket.userId, requested)) {
        socket.emit(event.name, event.payload);
      }
    }
    const session: SessionInfo = {
      userId: socket.userId,
      epoch: ledger.epoch,
      lastSeq: ledger.lastSeq(socket.userId),
      gap: requested !== undefined && !resumes,
      serverTime: new Date().toISOString(),
    };
    socket.emit(EVENTS.session, session);
  };

  const io = new SocketIoPollingServer({
    endpoint: base + path,
    authorize: ({ auth, cookies }) => {
      if (rejection) {
        const { code } = rejection;
        if (--rejection.remaining <= 0) rejection = undefined;
        return refuse(code);
      }
      const token = typeof auth.token === 'string' ? auth.token : cookies[ACCESS_TOKEN_COOKIE];
      const owner = identify(token);
      return owner === undefined ? refuse('UNAUTHORIZED') : { userId: owner };
    },
    onConnection: startSession,
    pingIntervalMs: options.pingIntervalMs,
    pingTimeoutMs: options.pingTimeoutMs,
  });

  const handlers = [
    ...createRestHandlers({
      base,
      ledger: () => ledger,
      identify,
      issueToken: (owner) => {
        const token = `mock-token.${encodeURIComponent(owner)}.${++issued}`;
        tokens.set(token, owner);
        return token;
      },
      revokeToken: (token) => {
        const owner = identify(token);
        revoked.add(token);
        // Logging out ends that user's sockets, as the reference server does.
        for (const socket of io.sockets()) if (socket.userId === owner) socket.disconnect();
      },
    }),
    ...io.handlers(),
  ];

  return {
    handlers,
    url: base,
    userId,
    get epoch() {
      return ledger.epoch;
    },
    createDeposit: ({ amount, userId: owner = userId }) => ledger.createDeposit(owner, amount),
    completeDeposit: (id, { providerTransactionId = `MOCK${Date.now()}` } = {}) =>
      ledger.completeDeposit(id, providerTransactionId),
    failDeposit: (id, reason = 'insufficient_funds') => ledger.finishDeposit(id, 'failed', reason),
    cancelDeposit: (id, reason = 'user_cancelled') => ledger.finishDeposit(id, 'cancelled', reason),
    expireDeposit: (id) => ledger.finishDeposit(id, 'failed', 'expired'),
    createWithdrawal: ({ amount, userId: owner = userId }) =>
      ledger.createWithdrawal(owner, amount),
    completeWithdrawal: (id) => ledger.completeWithdrawal(id),
    getTransaction: (id) => ledger.find(id),
    getBalance: (owner = userId) => ledger.balance(owner),
    connectionCount: () => io.sockets().length,
    dropConnection: () => io.dropAll(),
    rejectAuth: (code = 'UNAUTHORIZED', { times = Infinity } = {}) => {
      if (!(times >= 1)) throw new RangeError('rejectAuth: times must be >= 1');
      rejection = { code, remaining: times };
    },
    acceptAuth: () => {
      rejection = undefined;
    },
    sendRaw: (event, payload) => {
      for (const socket of io.sockets()) socket.emit(event, payload);
    },
    reset: () => {
      io.dropAll();
      ledger = newLedger();
      tokens.clear();
      revoked.clear();
      rejection = undefined;
    },
  };
}
