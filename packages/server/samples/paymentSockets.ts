import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@paysocket/protocol';
import {
  PaymentNotifier,
  SqliteEventLog,
  createOriginAllowRequest,
  createSessionOriginGuard,
  createSocketAuthMiddleware,
  verifyAccessToken,
  type SqliteDatabaseLike,
} from '@paysocket/server';

export interface PaymentSocketsOptions {
  /** Your own database (libsql or better-sqlite3): the event log commits with your writes. */
  db: SqliteDatabaseLike;
  /** The exact origins of your wallet pages, e.g. `['https://wallet.example.com']`. */
  allowedOrigins: string[];
  /** The HS256 secret your own auth signs access tokens with. */
  jwtSecret: string;
}

/** Socket.IO on your HTTP server: origin checks, JWT auth, and a notifier with replay. */
export function attachPaymentSockets(
  httpServer: HttpServer,
  { db, allowedOrigins, jwtSecret }: PaymentSocketsOptions,
) {
  const eventLog = new SqliteEventLog(db); // creates its paysocket_* tables
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    maxHttpBufferSize: 4096, // clients only listen
    allowRequest: createOriginAllowRequest(allowedOrigins), // the handshake of each session
    cors: { origin: allowedOrigins, credentials: true },
  });
  io.engine.use(createSessionOriginGuard(allowedOrigins)); // its later requests and upgrade
  io.use(
    createSocketAuthMiddleware({ verifyToken: (token) => verifyAccessToken(token, jwtSecret) }),
  );
  const notifier = new PaymentNotifier({ io, eventLog });
  notifier.attach(); // joins user:<id>, replays, sends session:v1
  return { io, eventLog, notifier };
}
