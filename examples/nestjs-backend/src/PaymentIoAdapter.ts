import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { createOriginAllowRequest, type OriginPolicy } from '@paysocket/server';

/**
 * Nest's Socket.IO adapter with what must be set when the server is created: the origin
 * check of each handshake (`allowRequest`; Socket.IO's `cors` option only sets headers and
 * guards no WebSocket upgrade), CORS headers for the browser's polling requests, and, given
 * Redis clients, the Redis adapter that carries room emits and `serverSideEmit` between nodes.
 */
export class PaymentIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly isAllowedOrigin: (origin: string) => boolean,
    private readonly redis?: { pub: Redis; sub: Redis },
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const policy: OriginPolicy = this.isAllowedOrigin;
    const server = super.createIOServer(port, {
      ...options,
      allowRequest: createOriginAllowRequest(policy),
      cors: {
        origin: (
          origin: string | undefined,
          callback: (error: Error | null, allow?: boolean) => void,
        ) => callback(null, origin !== undefined && this.isAllowedOrigin(origin)),
        credentials: true,
      },
    }) as Server;
    if (this.redis) server.adapter(createAdapter(this.redis.pub, this.redis.sub));
    return server;
  }
}
