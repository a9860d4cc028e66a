import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@paysocket/protocol';
import {
  PaymentNotifier,
  createMomoClient,
  createOriginAllowRequest,
  createSessionOriginGuard,
  createSocketAuthMiddleware,
  verifyAccessToken,
  type MomoClient,
} from '@paysocket/server';
import { API_PATHS } from '@paysocket/protocol';
import { loadConfig, type MockServerConfig } from './config';
import { createApp } from './createApp';
import { FakeMomo } from './fakeMomo/FakeMomo';
import { FakeMomoStore } from './fakeMomo/FakeMomoStore';
import { PaymentService } from './PaymentService';
import { PaymentStore } from './PaymentStore';

/** Overrides of the configuration; `env` (defaults to `process.env`) supplies the rest. */
export type MockServerOptions = Partial<MockServerConfig> & {
  env?: Record<string, string | undefined>;
};

/** A mock server; call {@link MockServer.listen} to start it, {@link MockServer.close} to stop it. */
export interface MockServer {
  readonly config: MockServerConfig;
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  readonly httpServer: HttpServer;
  readonly notifier: PaymentNotifier;
  readonly service: PaymentService;
  /** The fake MoMo provider (development only). */
  readonly fakeMomo: FakeMomo | undefined;
  /** `http://HOST:PORT` once listening. */
  readonly url: string;
  /** The port bound (useful with port 0). */
  readonly port: number;
  listen(): Promise<string>;
  /** Disconnects every socket, stops timers, closes the HTTP server and the database. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['0.0.0.0', '::', '127.0.0.1', 'localhost']);

/** Builds the reference backend: Hono REST + Socket.IO on one HTTP server, SQLite underneath. */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const { env, ...overrides } = options;
  const config = loadConfig(env ?? process.env, overrides);
  const startedAt = Date.now();
  let port = 0;

  const ownOrigins = (): string[] =>
    config.production || port === 0 ? [] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const isAllowedOrigin = (origin: string): boolean =>
    config.allowedOrigins.includes(origin) ||
    ownOrigins().includes(origin) ||
    origin === config.publicUrl;
  const hostForUrl = () => {
    if (LOOPBACK_HOSTS.has(config.host)) return '127.0.0.1';
    return config.host.includes(':') ? `[${config.host}]` : config.host;
  };
  const selfUrl = () => `http://${hostForUrl()}:${port}`;

  const store = new PaymentStore(config.databasePath);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>({
    maxHttpBufferSize: 4096,
    allowRequest: createOriginAllowRequest(isAllowedOrigin),
    cors: {
      origin: (origin, callback) => callback(null, origin !== undefined && isAllowedOrigin(origin)),
      credentials: true,
    },
  });
  const notifier = new PaymentNotifier({ io, eventLog: store.eventLog });
  const fakeMomoStore = config.production ? undefined : new FakeMomoStore(config.databasePath);
  const fakeMomo = fakeMomoStore && new FakeMomo({ store: fakeMomoStore, ...config.momo });
  // In development the endpoint is this server's own fake provider, whose port is known
  // only once it listens; the client is made on first use.
  let momoClient: MomoClient | undefined;
  const momoApi = (): MomoClient =>
    (momoClient ??= createMomoClient({
      endpoint: config.momoEndpoint ?? `${selfUrl()}/mock-momo`,
      ...config.momo,
    }));
  const momo: MomoClient = {
    createPayment: (request) => momoApi().createPayment(request),
    queryPayment: (request) => momoApi().queryPayment(request),
  };
  const publicBase = () => config.publicUrl ?? selfUrl();
  const service = new PaymentService({
    store,
    notifier,
    partnerCode: config.momo.partnerCode,
    depositTtlMs: config.depositTtlMs,
    withdrawalDelayMs: config.withdrawalDelayMs,
    momo,
    momoUrls: () => ({
      ipnUrl: `${publicBase()}${API_PATHS.momoCallback}`,
      redirectUrl: config.momoRedirectUrl ?? `${publicBase()}/`,
    }),
  });
  io.use(
    createSocketAuthMiddleware({
      verifyToken: (token) => verifyAccessToken(token, config.jwtSecret),
    }),
  );
  notifier.attach();

  const app = createApp({
    config,
    service,
    notifier,
    io,
    fakeMomo,
    isAllowedOrigin,
    selfUrl,
    startedAt,
  });
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  io.attach(httpServer);
  io.engine.use(createSessionOriginGuard(isAllowedOrigin));
  service.resume();

  let listening = false;
  let closed: Promise<void> | undefined;
  const displayHost = () => (config.host.includes(':') ? `[${config.host}]` : config.host);

  return {
    config,
    io,
    httpServer,
    notifier,
    service,
    fakeMomo,
    get url() {
      return `http://${displayHost()}:${port}`;
    },
    get port() {
      return port;
    },
    listen() {
      return new Promise<string>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          port = (httpServer.address() as AddressInfo).port;
          listening = true;
          resolve(`http://${displayHost()}:${port}`);
        });
      });
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        service.stop();
        fakeMomo?.stop();
        const finish = () => {
          store.close();
          fakeMomoStore?.close();
          resolve();
        };
        if (!listening) {
          void io.close();
          finish();
          return;
        }
        io.close(() => finish());
        httpServer.closeAllConnections();
      });
      return closed;
    },
  };
}

/** Creates and starts a mock server (tests: `startMockServer({ port: 0, databasePath: ':memory:' })`). */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const server = createMockServer(options);
  await server.listen();
  return server;
}
