import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentSocketClient } from '@paysocket/client';
import { signAccessToken, verifyAccessToken } from '@paysocket/server';
import { TokenRevocations } from '../src/TokenRevocations';
import {
  api,
  connectClient,
  expectRefused,
  login,
  startTestServer,
  type TestServer,
} from './testServer';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
}, 30_000);

const logout = (url: string, token: string) =>
  api(url, 'POST', '/api/v1/auth/logout', { token }).then((result) => result.status);

describe('logout revokes the token', { timeout: 30_000 }, () => {
  it('refuses that token on REST and sockets, and only that token', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'alice');
    const other = await login(t.url, 'alice');
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).status).toBe(200);
    const connected = await connectClient(t.url, { token });
    t.track(connected.socket);
    const disconnected = new Promise((resolve) => connected.socket.once('disconnect', resolve));

    expect(await logout(t.url, token)).toBe(204);
    await disconnected;

    const wallet = await api(t.url, 'GET', '/api/v1/wallet', { token });
    expect(wallet.status).toBe(401);
    expect(wallet.body).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
    const viaCookie = await api(t.url, 'GET', '/api/v1/wallet', {
      headers: { cookie: `access_token=${token}` },
    });
    expect(viaCookie.status).toBe(401);
    const refused = await expectRefused(t.url, { token });
    expect(refused.message).toBe('UNAUTHORIZED');
    expect(refused.data).toEqual({ code: 'TOKEN_REVOKED' });
    const viaCookieSocket = await expectRefused(t.url, {}, { cookie: `access_token=${token}` });
    expect(viaCookieSocket.data).toEqual({ code: 'TOKEN_REVOKED' });

    // Another session of the same user is not signed out by this one's logout.
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token: other })).status).toBe(200);
    const again = await connectClient(t.url, { token: other });
    t.track(again.socket);
    expect(again.session.userId).toBe('alice');
  });

  it('keeps refusing it after a restart on the same database', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'bob');
    expect(await logout(t.url, token)).toBe(204);
    await t.stop();
    await t.restart();

    const wallet = await api(t.url, 'GET', '/api/v1/wallet', { token });
    expect(wallet.status).toBe(401);
    expect(wallet.body).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
    expect((await expectRefused(t.url, { token })).data).toEqual({ code: 'TOKEN_REVOKED' });
    const fresh = await login(t.url, 'bob');
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token: fresh })).status).toBe(200);
  });

  it('revokes a token without a jti (an integrator’s own) by its hash', async () => {
    t = await startTestServer();
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('carol')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(t.server.config.jwtSecret));
    expect((await verifyAccessToken(token, t.server.config.jwtSecret)).tokenId).toBeUndefined();
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).status).toBe(200);
    expect(await logout(t.url, token)).toBe(204);
    expect((await api(t.url, 'GET', '/api/v1/wallet', { token })).status).toBe(401);
    expect((await expectRefused(t.url, { token })).data).toEqual({ code: 'TOKEN_REVOKED' });
  });

  it('stops a PaymentSocketClient in unauthorized after one refresh, with no loop', async () => {
    t = await startTestServer();
    const token = await login(t.url, 'dave');
    expect(await logout(t.url, token)).toBe(204);
    let asked = 0;
    const client = new PaymentSocketClient({
      url: t.url,
      auth: {
        token: () => {
          asked += 1;
          return token;
        },
      },
      autoConnect: false,
      logger: false,
    });
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    const settled = new Promise<ReturnType<PaymentSocketClient['getState']>>((resolve) => {
      client.subscribe(() => {
        const state = client.getState();
        if (state.status === 'unauthorized' || state.status === 'failed') resolve(state);
      });
    });
    client.setUser('dave');
    client.connect();
    try {
      expect((await settled).status).toBe('unauthorized');
      expect(errors).toEqual(['AUTH_FAILED']);
      // The first try and the one forced refresh: nothing more follows.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(asked).toBe(2);
      expect(client.getState().status).toBe('unauthorized');
    } finally {
      client.destroy();
    }
  });
});

describe('TokenRevocations', () => {
  it('forgets a revocation once the token has expired anyway', async () => {
    const db = new Database(':memory:');
    try {
      const revocations = new TokenRevocations(db);
      const secret = 'a-test-secret-with-more-than-32-characters';
      const token = await signAccessToken('erin', secret, { expiresInSeconds: 60 });
      const claims = await verifyAccessToken(token, secret);
      revocations.revoke(claims, token);
      expect(revocations.isRevoked(claims, token)).toBe(true);
      revocations.prune(claims.expiresAt.getTime() - 1);
      expect(revocations.size()).toBe(1);
      revocations.prune(claims.expiresAt.getTime());
      expect(revocations.size()).toBe(0);
      expect(revocations.isRevoked(claims, token)).toBe(false);
    } finally {
      db.close();
    }
  });
});
