import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@paysocket/protocol';
import {
  PaymentNotifier,
  RedisEventLog,
  createSocketAuthMiddleware,
  type AccessTokenClaims,
  type AsyncEventLog,
} from '@paysocket/server';

/** One node of several: rooms, logout and events span the nodes through Redis. */
export async function attachMultiNodeSockets(
  httpServer: HttpServer,
  redisUrl: string,
  verifyToken: (token: string) => Promise<AccessTokenClaims>,
) {
  const pub = new Redis(redisUrl);
  const sub = pub.duplicate();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    adapter: createAdapter(pub, sub),
    // plus maxHttpBufferSize, allowRequest, cors and the session origin guard, as on one node
  });
  io.use(createSocketAuthMiddleware({ verifyToken }));
  const eventLog = await RedisEventLog.open(pub); // { keyPrefix: 'paysocket:' } by default
  const notifier = new PaymentNotifier({ io, eventLog, multiNode: true });
  notifier.attach();
  return {
    notifier,
    async close() {
      await io.close();
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/** Call after your own store committed the credit: Redis cannot join that transaction. */
export function tellDepositCompleted(
  notifier: PaymentNotifier<AsyncEventLog>,
  deposit: { userId: string; transactionId: string; amount: number; newBalance: number },
) {
  const { userId, ...event } = deposit;
  return notifier.depositCompleted(userId, { ...event, message: 'Nạp tiền thành công' });
}
