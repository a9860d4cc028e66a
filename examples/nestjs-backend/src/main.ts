import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import {
  RedisEventLog,
  SqliteEventLog,
  createMomoClient,
  isOriginAllowed,
} from '@paysocket/server';
import type { AccessTokens } from './AccessTokens.js';
import { ApiExceptionFilter } from './ApiExceptionFilter.js';
import { AppModule } from './AppModule.js';
import { loadConfig } from './config.js';
import { PaymentIoAdapter } from './PaymentIoAdapter.js';
import { PaymentStore } from './PaymentStore.js';
import { ServerAddress } from './ServerAddress.js';
import { ACCESS_TOKENS } from './tokens.js';

const config = loadConfig();
const store = new PaymentStore(config.databasePath);
const redis = config.redisUrl
  ? (() => {
      const pub = new Redis(config.redisUrl);
      return { pub, sub: pub.duplicate() };
    })()
  : undefined;
// Multi-node: the event log lives in Redis, shared by every node, so any node can replay.
const eventLog = redis ? await RedisEventLog.open(redis.pub) : new SqliteEventLog(store.db);
const momo = createMomoClient({ endpoint: config.momoEndpoint, ...config.momo, timeoutMs: 10_000 });
const address = new ServerAddress();

const app = await NestFactory.create<NestExpressApplication>(
  AppModule.forRoot({ config, store, eventLog, momo, address }),
  { logger: ['error', 'warn'] },
);
app.useBodyParser('json', { limit: '16kb' });
app.useGlobalFilters(new ApiExceptionFilter());
const tokens = app.get<AccessTokens>(ACCESS_TOKENS);
// The allowlist that guards sockets guards REST too: a foreign page may not even try.
app.use((request: Request, response: Response, next: NextFunction) => {
  if (isOriginAllowed(request.headers.origin, tokens.isAllowedOrigin)) return next();
  response
    .status(403)
    .json({ error: { code: 'ORIGIN_NOT_ALLOWED', message: 'this origin may not call the API' } });
});
app.enableCors({
  origin: (origin, callback) =>
    callback(null, origin !== undefined && tokens.isAllowedOrigin(origin)),
  credentials: true,
});
app.useWebSocketAdapter(new PaymentIoAdapter(app, tokens.isAllowedOrigin, redis));

await app.listen(config.port, config.host);
address.port = (app.getHttpServer().address() as AddressInfo).port;
const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
console.log(
  `paysocket NestJS backend (${redis ? 'multi-node, Redis' : 'single-node, SQLite'}) listening on http://${shown}:${address.port}`,
);

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    await app.close();
    redis?.pub.disconnect();
    redis?.sub.disconnect();
    store.close();
  })().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  ));
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
