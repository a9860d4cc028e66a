import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSocketAuthMiddleware,
  signAccessToken,
  verifyAccessToken,
  type AccessTokenClaims,
  type AuthenticatedSocketData,
  type SocketAuthOptions,
} from '../src/index';

const secret = 'a-test-secret-with-more-than-32-characters';
const servers: Server[] = [];
const sockets: ClientSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await Promise.all(
    servers.splice(0).map((io) => new Promise<void>((resolve) => io.close(() => resolve()))),
  );
});

async function start(isRevoked?: SocketAuthOptions['isRevoked']): Promise<string> {
  const http = createServer();
  const io = new Server(http);
  servers.push(io);
  io.use(
    createSocketAuthMiddleware({
      verifyToken: (token) => verifyAccessToken(token, secret),
      ...(isRevoked ? { isRevoked } : {}),
    }),
  );
  io.on('connection', (socket) => {
    socket.emit('who', (socket.data as AuthenticatedSocketData).userId);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

type Outcome = { connected: string } | { refused: string; code: unknown };

function handshake(url: string, token: string): Promise<Outcome> {
  const socket = connect(url, {
    transports: ['websocket'],
    auth: { token },
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('who', (userId: string) => resolve({ connected: userId }));
    socket.once('connect_error', (error: Error & { data?: { code?: unknown } }) =>
      resolve({ refused: error.message, code: error.data?.code }),
    );
  });
}

describe('socket auth: isRevoked', () => {
  it('refuses a revoked token with TOKEN_REVOKED and lets the others through', async () => {
    const revoked = await signAccessToken('alice', secret);
    const seen: Array<{ claims: AccessTokenClaims; token: string }> = [];
    const url = await start((claims, token) => {
      seen.push({ claims, token });
      return token === revoked;
    });
    expect(await handshake(url, revoked)).toEqual({
      refused: 'UNAUTHORIZED',
      code: 'TOKEN_REVOKED',
    });
    const other = await signAccessToken('alice', secret);
    expect(await handshake(url, other)).toEqual({ connected: 'alice' });
    // The hook sees verified claims, with the jti that names one token among a user's tokens.
    expect(seen.map((entry) => entry.claims.userId)).toEqual(['alice', 'alice']);
    const [first, second] = seen.map((entry) => entry.claims.tokenId);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);
  });

  it('awaits an asynchronous hook', async () => {
    const revokedIds = new Set<string>();
    const url = await start(async (claims) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return claims.tokenId !== undefined && revokedIds.has(claims.tokenId);
    });
    const token = await signAccessToken('bob', secret);
    expect(await handshake(url, token)).toEqual({ connected: 'bob' });
    revokedIds.add((await verifyAccessToken(token, secret)).tokenId ?? '');
    expect(await handshake(url, token)).toEqual({
      refused: 'UNAUTHORIZED',
      code: 'TOKEN_REVOKED',
    });
  });

  it('refuses the handshake when the hook fails, rather than letting the token through', async () => {
    const url = await start(() => Promise.reject(new Error('revocation store is down')));
    const token = await signAccessToken('carol', secret);
    expect(await handshake(url, token)).toEqual({ refused: 'UNAUTHORIZED', code: 'UNAUTHORIZED' });
    const url2 = await start(() => {
      throw new Error('sync failure');
    });
    expect(await handshake(url2, token)).toEqual({ refused: 'UNAUTHORIZED', code: 'UNAUTHORIZED' });
  });

  it('never asks the hook about a token that does not verify', async () => {
    let asked = 0;
    const url = await start(() => {
      asked += 1;
      return false;
    });
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('dave')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(secret));
    expect(await handshake(url, expired)).toEqual({
      refused: 'UNAUTHORIZED',
      code: 'TOKEN_EXPIRED',
    });
    expect(asked).toBe(0);
  });
});
