import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer';

const WALLET = 'http://wallet.example:5173';

let t: TestServer;

beforeEach(async () => {
  t = await startTestServer({ allowedOrigins: [WALLET] });
});

afterEach(async () => {
  await t.cleanup();
});

async function openPollingSession(): Promise<string> {
  const response = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
    headers: { origin: WALLET },
  });
  const text = await response.text();
  return (JSON.parse(text.slice(1)) as { sid: string }).sid;
}

/** A raw WebSocket upgrade request for the session; resolves the status the server answered with. */
function upgrade(sid: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}/socket.io/?EIO=4&transport=websocket&sid=${sid}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        origin,
      },
    });
    req.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    req.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('WebSocket upgrade of an open session', () => {
  it('is checked against the same Origin allowlist as the handshake', async () => {
    expect(await upgrade(await openPollingSession(), 'http://evil.example')).toBe(400);
    expect(await upgrade(await openPollingSession(), WALLET)).toBe(101);
  });
});
