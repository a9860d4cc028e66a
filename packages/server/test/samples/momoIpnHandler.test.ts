import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'libsql';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  API_PATHS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@paysocket/protocol';
import { signAccessToken, signMomoIpn, type MomoIpnSignedValues } from '../../src/index';
import { handleMomoIpn, type MomoIpnDeps } from '../../samples/momoIpnHandler';
import { attachPaymentSockets } from '../../samples/paymentSockets';

const WALLET = 'https://wallet.example';
const jwtSecret = 'samples-test-secret-of-32-characters!!';
const momo = { partnerCode: 'MOMOTEST', accessKey: 'test-access', secretKey: 'test-secret' };

let db: InstanceType<typeof Database>;
let http: HttpServer;
let url: string;
let close: () => Promise<void>;
let deps: MomoIpnDeps;
const sockets: Socket[] = [];

beforeEach(async () => {
  db = new Database(':memory:');
  db.exec(`
    CREATE TABLE deposits (order_id TEXT PRIMARY KEY, user_id TEXT NOT NULL,
      amount INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT, trans_id TEXT);
    CREATE TABLE wallets (user_id TEXT PRIMARY KEY, balance INTEGER NOT NULL);
  `);
  // The IPN route as an app would mount it: a JSON body in, the reply out.
  http = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== API_PATHS.momoCallback) {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const reply = handleMomoIpn(body, deps);
      if (!reply.body) {
        res.writeHead(reply.status).end();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  const { io, eventLog, notifier } = attachPaymentSockets(http, {
    db,
    allowedOrigins: [WALLET],
    jwtSecret,
  });
  deps = { db, eventLog, notifier, momo };
  close = () => io.close();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await close();
  db.close();
});

function createDeposit(orderId: string, userId: string, amount: number, status = 'pending') {
  const reason = status === 'failed' ? 'expired' : null;
  db.prepare(
    'INSERT INTO deposits (order_id, user_id, amount, status, reason) VALUES (?, ?, ?, ?, ?)',
  ).run(orderId, userId, amount, status, reason);
}

function ipn(
  orderId: string,
  amount: number,
  resultCode = 0,
  fields: Partial<MomoIpnSignedValues> = {},
) {
  const values: MomoIpnSignedValues = {
    partnerCode: momo.partnerCode,
    orderId,
    requestId: `req-${orderId}`,
    amount,
    orderInfo: 'Nạp tiền vào ví',
    orderType: 'momo_wallet',
    transId: 4_088_878_653,
    resultCode,
    message: resultCode === 0 ? 'Thành công.' : 'Giao dịch bị từ chối bởi người dùng.',
    payType: 'qr',
    responseTime: 1_733_300_000_000,
    extraData: '',
    ...fields,
  };
  return { ...values, signature: signMomoIpn(values, momo) };
}

async function post(body: unknown) {
  const response = await fetch(`${url}${API_PATHS.momoCallback}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const deposit = (orderId: string) =>
  db.prepare('SELECT status, reason, trans_id FROM deposits WHERE order_id = ?').get(orderId);
const balance = (userId: string) =>
  (
    db.prepare('SELECT balance FROM wallets WHERE user_id = ?').get(userId) as
      { balance: number } | undefined
  )?.balance;

async function listen(userId: string) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    transports: ['websocket'],
    auth: { token: await signAccessToken(userId, jwtSecret) },
    extraHeaders: { origin: WALLET },
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  const received: Array<[string, Record<string, unknown>]> = [];
  socket.onAny((name: string, payload: Record<string, unknown>) => received.push([name, payload]));
  await new Promise((resolve) => socket.once('session:v1', resolve));
  return received;
}

describe('the README IPN handler sample', () => {
  it('credits a correctly signed success once, tells the user, and answers a repeat 204', async () => {
    createDeposit('DEP_1', 'alice', 100_000);
    const received = await listen('alice');
    expect(await post(ipn('DEP_1', 100_000))).toEqual({ status: 204, body: undefined });
    expect(await post(ipn('DEP_1', 100_000))).toEqual({ status: 204, body: undefined });
    expect(balance('alice')).toBe(100_000);
    expect(deposit('DEP_1')).toMatchObject({ status: 'completed', trans_id: '4088878653' });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[1]).toEqual([
      'deposit_completed:v1',
      expect.objectContaining({
        transactionId: 'DEP_1',
        amount: 100_000,
        newBalance: 100_000,
        seq: 1,
      }),
    ]);
  });

  it('adds to an existing balance', async () => {
    db.prepare('INSERT INTO wallets (user_id, balance) VALUES (?, ?)').run('alice', 5_000);
    createDeposit('DEP_1', 'alice', 20_000);
    expect((await post(ipn('DEP_1', 20_000))).status).toBe(204);
    expect(balance('alice')).toBe(25_000);
  });

  it.each([
    ['a forged signature', { ...ipn('DEP_1', 100_000), signature: 'a'.repeat(64) }, 401],
    ['an amount changed after signing', { ...ipn('DEP_1', 100_000), amount: 900_000 }, 401],
    ['a signed but wrong amount', ipn('DEP_1', 1_000), 400],
    ['another partnerCode', ipn('DEP_1', 100_000, 0, { partnerCode: 'OTHER' }), 400],
    ['an unknown order', ipn('DEP_404', 100_000), 404],
    ['a body that is no IPN', { orderId: 'DEP_1' }, 400],
  ])('refuses %s and changes nothing', async (_name, body, status) => {
    createDeposit('DEP_1', 'alice', 100_000);
    const received = await listen('alice');
    const reply = await post(body);
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect(balance('alice')).toBeUndefined();
    expect(deposit('DEP_1')).toMatchObject({ status: 'pending', reason: null });
    expect(deps.eventLog.lastSeq('alice')).toBe(0);
    expect(received.map(([name]) => name)).toEqual(['session:v1']);
  });

  it.each([
    ['declined', 1006, 'cancelled', 'declined'],
    ['failed for insufficient funds', 1001, 'failed', 'insufficient_funds'],
    ['failed with an unknown code', 4001, 'failed', 'momo_4001'],
  ])(
    'never credits a %s result, and a later success is refused',
    async (_n, code, status, reason) => {
      createDeposit('DEP_1', 'alice', 100_000);
      const received = await listen('alice');
      expect((await post(ipn('DEP_1', 100_000, code))).status).toBe(204);
      expect(deposit('DEP_1')).toMatchObject({ status, reason });
      await vi.waitFor(() => expect(received).toHaveLength(2));
      expect(received[1]).toEqual([
        'payment_status_update:v1',
        expect.objectContaining({ transactionId: 'DEP_1', status, metadata: { reason } }),
      ]);
      expect((await post(ipn('DEP_1', 100_000, 0))).status).toBe(409);
      expect(balance('alice')).toBeUndefined();
      expect(deposit('DEP_1')).toMatchObject({ status, reason });
    },
  );

  it('leaves a pending result pending', async () => {
    createDeposit('DEP_1', 'alice', 100_000);
    expect((await post(ipn('DEP_1', 100_000, 1000))).status).toBe(204);
    expect(deposit('DEP_1')).toMatchObject({ status: 'pending' });
    expect(balance('alice')).toBeUndefined();
  });

  it('still credits a success that arrives after the deposit expired', async () => {
    createDeposit('DEP_1', 'alice', 100_000, 'failed');
    expect((await post(ipn('DEP_1', 100_000))).status).toBe(204);
    expect(deposit('DEP_1')).toMatchObject({ status: 'completed', reason: null });
    expect(balance('alice')).toBe(100_000);
  });
});

/** Opens a polling session from the wallet, then asks to upgrade it from `origin`: the status. */
async function upgradeFrom(origin: string): Promise<number> {
  const engine = `${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const handshake = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
    headers: { origin: WALLET },
  });
  const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${engine}&sid=${sid}`, { headers: { origin } });
    ws.once('upgrade', (response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    ws.once('error', reject);
  });
}

describe('the README socket wiring sample', () => {
  it('refuses to upgrade a session to WebSocket from a foreign origin', async () => {
    expect(await upgradeFrom('https://evil.example')).toBe(400);
    expect(await upgradeFrom(WALLET)).toBe(101);
  });

  it('refuses a handshake from a foreign origin and connects one from the wallet', async () => {
    const token = await signAccessToken('alice', jwtSecret);
    const foreign = connect(url, {
      transports: ['websocket'],
      auth: { token },
      extraHeaders: { origin: 'https://evil.example' },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(foreign);
    const error = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(error.message).toBe('websocket error');
    expect(await listen('alice')).toEqual([
      ['session:v1', expect.objectContaining({ userId: 'alice', lastSeq: 0 })],
    ]);
  });
});
