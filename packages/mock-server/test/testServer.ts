/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads and bodies are checked by the assertions, not by types */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SessionInfo } from '@paysocket/protocol';
import { signMomoIpn, type MomoIpnSignedValues } from '@paysocket/server';
import { startMockServer, type MockServer, type MockServerOptions } from '../src/index';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A mock server on 127.0.0.1, port 0, with its database in a fresh temp folder. */
export interface TestServer {
  server: MockServer;
  url: string;
  databasePath: string;
  /** Starts another server on the same database (after `stop`). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server, closes every client and removes the temp folder. */
  cleanup(): Promise<void>;
  track(socket: TestSocket): TestSocket;
}

export async function startTestServer(options: MockServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'paysocket-mock-'));
  const databasePath = join(dir, 'test.db');
  const sockets = new Set<TestSocket>();
  const start = () =>
    startMockServer({ env: {}, port: 0, host: '127.0.0.1', databasePath, ...options });
  const handle: TestServer = {
    server: await start(),
    url: '',
    databasePath,
    async restart() {
      handle.server = await start();
      handle.url = handle.server.url;
    },
    async stop() {
      await handle.server.close();
    },
    async cleanup() {
      for (const socket of sockets) socket.disconnect();
      await handle.server.close();
      rmSync(dir, { recursive: true, force: true });
    },
    track(socket) {
      sockets.add(socket);
      return socket;
    },
  };
  handle.url = handle.server.url;
  return handle;
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the REST API with a Bearer token (or none) and a JSON body. */
export async function api<T = any>(
  url: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    rawBody?: string;
  } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keeps the text for non-JSON answers (HTML pages)
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function login(url: string, userId: string): Promise<string> {
  const result = await api<{ token: string }>(url, 'POST', '/api/v1/auth/login', {
    body: { userId },
  });
  if (result.status !== 200) throw new Error(`login failed: ${result.status}`);
  return result.body.token;
}

export async function createDeposit(url: string, token: string, amount = 100_000) {
  const result = await api(url, 'POST', '/api/v1/payment/deposit', {
    token,
    body: { amount, provider: 'momo' },
  });
  if (result.status !== 201)
    throw new Error(`deposit failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body as { transactionId: string; amount: number; [key: string]: unknown };
}

/** Every event a socket receives, in order, with a way to await the next one that matches. */
export class EventRecorder {
  readonly events: Array<{ name: string; payload: any }> = [];
  readonly #waiters: Array<{
    test: (e: { name: string; payload: any }) => boolean;
    resolve: (e: any) => void;
  }> = [];

  constructor(socket: TestSocket) {
    socket.onAny((name: string, payload: unknown) => {
      const event = { name, payload };
      this.events.push(event);
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(event)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    });
  }

  named(name: string): any[] {
    return this.events.filter((event) => event.name === name).map((event) => event.payload);
  }

  /** The first event (already received or still to come) matching. */
  waitFor(name: string, test: (payload: any) => boolean = () => true): Promise<any> {
    const seen = this.events.find((event) => event.name === name && test(event.payload));
    if (seen) return Promise.resolve(seen.payload);
    return new Promise((resolve) => {
      this.#waiters.push({
        test: (event) => event.name === name && test(event.payload),
        resolve: (event) => resolve(event.payload),
      });
    });
  }
}

/** Connects a socket.io-client peer and waits for its `session:v1`. */
export async function connectClient(
  url: string,
  auth: Record<string, unknown>,
  options: { extraHeaders?: Record<string, string> } = {},
): Promise<{ socket: TestSocket; recorder: EventRecorder; session: SessionInfo }> {
  const socket: TestSocket = connect(url, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
  });
  const recorder = new EventRecorder(socket);
  const session = await new Promise<SessionInfo>((resolve, reject) => {
    socket.once('session:v1', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, recorder, session };
}

/** Connects a peer that the server should refuse; resolves with the connect error. */
export function expectRefused(
  url: string,
  auth: Record<string, unknown>,
  extraHeaders?: Record<string, string>,
): Promise<Error & { data?: { code?: string } }> {
  const socket = connect(url, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
    ...(extraHeaders ? { extraHeaders } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.disconnect();
      reject(new Error('connection was accepted'));
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve(error);
    });
  });
}

/** The IPN MoMo would send for a deposit, signed with the server's keys. */
export function signedIpn(
  server: MockServer,
  deposit: { transactionId: string; amount: number },
  overrides: Partial<MomoIpnSignedValues> = {},
): MomoIpnSignedValues & { signature: string } {
  const values: MomoIpnSignedValues = {
    partnerCode: server.config.momo.partnerCode,
    orderId: deposit.transactionId,
    requestId: `req-${deposit.transactionId}`,
    amount: deposit.amount,
    orderInfo: 'Nạp tiền vào ví PaySocket',
    orderType: 'momo_wallet',
    transId: 4088878653,
    resultCode: 0,
    message: 'Thành công.',
    payType: 'qr',
    responseTime: 1_795_700_000_000,
    extraData: '',
    ...overrides,
  };
  return { ...values, signature: signMomoIpn(values, server.config.momo) };
}

export function postIpn(url: string, body: unknown): Promise<ApiResult> {
  return api(url, 'POST', '/api/v1/payment/momo/callback', { body });
}
