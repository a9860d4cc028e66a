import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOriginAllowRequest, createSessionOriginGuard } from '../src/index';

const ALLOWED = 'https://wallet.example';
const FOREIGN = 'https://evil.example';

let http: HttpServer;
let io: Server;
let base: string;

beforeEach(async () => {
  http = createServer();
  io = new Server(http, { allowRequest: createOriginAllowRequest([ALLOWED]) });
  io.engine.use(createSessionOriginGuard([ALLOWED]));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(http.address() as AddressInfo).port}/socket.io/?EIO=4`;
});

afterEach(async () => {
  await io.close();
});

/** Opens an Engine.IO polling session from the allowed origin; resolves its sid. */
async function openPollingSession(): Promise<string> {
  const response = await fetch(`http://${base}&transport=polling`, {
    headers: { origin: ALLOWED },
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  // An Engine.IO v4 open packet: "0" then the handshake JSON.
  expect(text.startsWith('0')).toBe(true);
  const { sid } = JSON.parse(text.slice(1)) as { sid: string };
  return sid;
}

/** Asks to upgrade the session to WebSocket; resolves the HTTP status the server answered with. */
function upgrade(sid: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${base}&transport=websocket&sid=${sid}`, {
      headers: origin === undefined ? {} : { origin },
    });
    socket.once('upgrade', (response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    socket.once('error', reject);
  });
}

describe('Origin of an open Engine.IO session', () => {
  it('refuses a WebSocket upgrade from a foreign origin', async () => {
    const sid = await openPollingSession();
    expect(await upgrade(sid, FOREIGN)).toBe(400);
    for (const origin of ['null', 'https://wallet.example.evil.example']) {
      expect(await upgrade(await openPollingSession(), origin), origin).toBe(400);
    }
  });

  it('still upgrades from the allowed origin and from a non-browser', async () => {
    expect(await upgrade(await openPollingSession(), ALLOWED)).toBe(101);
    expect(await upgrade(await openPollingSession(), undefined)).toBe(101);
  });

  it('refuses polling requests of the session from a foreign origin', async () => {
    const sid = await openPollingSession();
    const foreign = await fetch(`http://${base}&transport=polling&sid=${sid}`, {
      method: 'POST',
      headers: { origin: FOREIGN, 'content-type': 'text/plain;charset=UTF-8' },
      body: '40',
    });
    expect(foreign.status).toBe(400);
    await foreign.text();
    // The session itself is untouched: its own page can still connect the namespace.
    const own = await fetch(`http://${base}&transport=polling&sid=${sid}`, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'text/plain;charset=UTF-8' },
      body: '40',
    });
    expect(own.status).toBe(200);
    expect(await own.text()).toBe('ok');
  });

  it('leaves the handshake to allowRequest (403 for a foreign origin)', async () => {
    const response = await fetch(`http://${base}&transport=polling`, {
      headers: { origin: FOREIGN },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ message: 'origin not allowed' });
  });
});
