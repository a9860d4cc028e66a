import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { API_PATHS, EVENTS, type SessionInfo } from '@paysocket/protocol';
import { TestServer } from './support/testServer';

const servers: TestServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const server of servers.splice(0)) await server.close();
});

async function start(options?: Parameters<typeof TestServer.start>[0]): Promise<TestServer> {
  const server = await TestServer.start(options);
  servers.push(server);
  return server;
}

interface Received {
  names: string[];
  payloads: Record<string, unknown>[];
  session: Promise<SessionInfo>;
  socket: Socket;
}

function connect(server: TestServer, auth: Record<string, unknown>): Received {
  const socket = io(server.url, { auth, reconnection: false, transports: ['websocket'] });
  sockets.push(socket);
  const received: Omit<Received, 'session'> = { names: [], payloads: [], socket };
  const session = new Promise<SessionInfo>((resolve, reject) => {
    socket.onAny((name: string, payload: Record<string, unknown>) => {
      received.names.push(name);
      received.payloads.push(payload);
      if (name === EVENTS.session) resolve(payload as unknown as SessionInfo);
    });
    socket.on('connect_error', reject);
  });
  return { ...received, session };
}

describe('TestServer', { timeout: 30_000 }, () => {
  it('replays events after lastSeq in order, then sends session:v1', async () => {
    const server = await start();
    const token = server.issueToken('alice');
    server.emitDeposit('alice', { transactionId: 'd1' });
    server.emitStatus('alice', { transactionId: 'd2' });
    server.emitWithdrawal('alice', { transactionId: 'w1' });

    const first = connect(server, { token });
    const session = await first.session;
    expect(first.names).toEqual([EVENTS.session]);
    expect(session).toMatchObject({ userId: 'alice', epoch: server.epoch, lastSeq: 3, gap: false });

    const second = connect(server, { token, epoch: server.epoch, lastSeq: 1 });
    await second.session;
    expect(second.names).toEqual([
      EVENTS.paymentStatusUpdate,
      EVENTS.withdrawalCompleted,
      EVENTS.session,
    ]);
    expect(second.payloads.slice(0, 2).map((p) => p.seq)).toEqual([2, 3]);
  });

  it('holds live events during a slow replay and sends each once before session:v1', async () => {
    const server = await start({ replayDelayMs: 50 });
    const token = server.issueToken('alice');
    server.emitDeposit('alice', { transactionId: 'd1' });
    const client = connect(server, { token, epoch: server.epoch, lastSeq: 0 });
    await new Promise<void>((resolve) => client.socket.on('connect', resolve));
    server.emitDeposit('alice', { transactionId: 'd2' });
    const session = await client.session;
    expect(client.payloads.map((p) => p.seq ?? 'session')).toEqual([1, 2, 'session']);
    expect(session.lastSeq).toBe(2);
  });

  it('reports a gap for another epoch or a trimmed log', async () => {
    const server = await start({ logLimit: 2 });
    const token = server.issueToken('alice');
    for (const id of ['a', 'b', 'c']) server.emitDeposit('alice', { transactionId: id });
    const trimmed = await connect(server, { token, epoch: server.epoch, lastSeq: 0 }).session;
    expect(trimmed.gap).toBe(true);
    const stale = await connect(server, { token, epoch: 'old', lastSeq: 9 }).session;
    expect(stale).toMatchObject({ gap: true, lastSeq: 3 });
  });

  it('refuses unknown and expired tokens with the code in data', async () => {
    const server = await start();
    const token = server.issueToken('alice');
    server.expireToken(token);
    await expect(connect(server, { token }).session).rejects.toMatchObject({
      message: 'UNAUTHORIZED',
      data: { code: 'TOKEN_EXPIRED' },
    });
    await expect(connect(server, { token: 'nope' }).session).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    expect(server.handshakes.map((h) => h.rejected)).toEqual(['TOKEN_EXPIRED', 'UNAUTHORIZED']);
  });

  it('sends no ids and no session:v1 in legacy mode', async () => {
    const server = await start({ legacy: true });
    const token = server.issueToken('alice');
    const client = connect(server, { token });
    await new Promise<void>((resolve) => client.socket.on('connect', resolve));
    await expect.poll(() => server.socketCount('alice'), { timeout: 10_000 }).toBe(1);
    server.emitDeposit('alice', { transactionId: 'd1' });
    await expect.poll(() => client.names, { timeout: 10_000 }).toEqual([EVENTS.depositCompleted]);
    expect(client.payloads[0]).not.toHaveProperty('seq');
    expect(client.payloads[0]).not.toHaveProperty('eventId');
  });

  it('answers look-ups to the owner only, by Bearer or cookie', async () => {
    const server = await start();
    const alice = server.issueToken('alice');
    const bob = server.issueToken('bob');
    server.putTransaction('alice', { transactionId: 'd1' });
    const url = server.url + API_PATHS.transaction('d1');
    const byBearer = await fetch(url, { headers: { authorization: `Bearer ${alice}` } });
    expect(await byBearer.json()).toMatchObject({ transactionId: 'd1', status: 'pending' });
    const byCookie = await fetch(url, { headers: { cookie: `access_token=${alice}` } });
    expect(byCookie.status).toBe(200);
    expect((await fetch(url, { headers: { authorization: `Bearer ${bob}` } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
  });

  it('comes back on the same port after a stop, with its log', async () => {
    const server = await start();
    const token = server.issueToken('alice');
    const port = server.port;
    await server.stop();
    server.completeDeposit('alice', 'd1');
    await server.restart();
    expect(server.port).toBe(port);
    const client = connect(server, { token, epoch: server.epoch, lastSeq: 0 });
    await client.session;
    expect(client.names).toEqual([EVENTS.depositCompleted, EVENTS.session]);
  });
});
