import { SignJWT, UnsecuredJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signAccessToken } from '@paysocket/server';
import {
  api,
  connectClient,
  expectRefused,
  login,
  startTestServer,
  type TestServer,
} from './testServer';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ allowedOrigins: ['http://wallet.example:5173'] });
}, 30_000);
afterEach(async () => {
  await t.cleanup();
}, 30_000);

const secret = () => new TextEncoder().encode(t.server.config.jwtSecret);

describe('socket authentication', { timeout: 30_000 }, () => {
  it('refuses a handshake without a token', async () => {
    const error = await expectRefused(t.url, {});
    expect(error.message).toBe('UNAUTHORIZED');
    expect(error.data).toEqual({ code: 'UNAUTHORIZED' });
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret());
    const error = await expectRefused(t.url, { token: expired });
    expect(error.message).toBe('UNAUTHORIZED');
    expect(error.data).toEqual({ code: 'TOKEN_EXPIRED' });
  });

  it('refuses a tampered token, a token of another secret and alg none', async () => {
    const token = await signAccessToken('alice', t.server.config.jwtSecret);
    const [header, , signature] = token.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ sub: 'bob', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url');
    const tampered = `${header}.${otherPayload}.${signature}`;
    const foreign = await signAccessToken('alice', 'another-secret-of-at-least-32-characters');
    const none = new UnsecuredJWT({}).setSubject('alice').setExpirationTime('10m').encode();
    for (const bad of [tampered, foreign, none, 'garbage']) {
      const error = await expectRefused(t.url, { token: bad });
      expect(error.data).toEqual({ code: 'UNAUTHORIZED' });
    }
  });

  it('takes the token from the httpOnly cookie', async () => {
    const token = await signAccessToken('alice', t.server.config.jwtSecret);
    const client = await connectClient(
      t.url,
      {},
      { extraHeaders: { cookie: `access_token=${token}` } },
    );
    t.track(client.socket);
    expect(client.session.userId).toBe('alice');
  });

  it('allows listed origins and non-browsers, and refuses foreign, null and look-alike origins', async () => {
    const token = await login(t.url, 'alice');
    const listed = await connectClient(
      t.url,
      { token },
      { extraHeaders: { origin: 'http://wallet.example:5173' } },
    );
    t.track(listed.socket);
    const own = await connectClient(t.url, { token }, { extraHeaders: { origin: t.url } });
    t.track(own.socket);
    for (const origin of [
      'http://evil.example',
      'null',
      'http://wallet.example:5173.evil.example',
      'http://wallet.example',
      'https://wallet.example:5173',
      'http://wallet.example:51730',
    ]) {
      const error = await expectRefused(t.url, { token }, { origin });
      expect(error.message, origin).not.toBe('UNAUTHORIZED');
    }
    const foreignRest = await api(t.url, 'GET', '/api/v1/wallet', {
      token,
      headers: { origin: 'http://evil.example' },
    });
    expect(foreignRest.status).toBe(403);
    expect(foreignRest.body).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
    const listedRest = await api(t.url, 'GET', '/api/v1/wallet', {
      token,
      headers: { origin: 'http://wallet.example:5173' },
    });
    expect(listedRest.status).toBe(200);
    expect(listedRest.headers.get('access-control-allow-origin')).toBe(
      'http://wallet.example:5173',
    );
    expect(listedRest.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('disconnects every socket of the user on logout, and only theirs', async () => {
    const alice = await login(t.url, 'alice');
    const bob = await login(t.url, 'bob');
    const a1 = await connectClient(t.url, { token: alice });
    const a2 = await connectClient(t.url, { token: alice });
    const b = await connectClient(t.url, { token: bob });
    [a1, a2, b].forEach((c) => t.track(c.socket));
    const closed = Promise.all(
      [a1, a2].map(
        (c) =>
          new Promise<string>((resolve) =>
            c.socket.once('disconnect', (reason) => resolve(reason)),
          ),
      ),
    );
    const result = await api(t.url, 'POST', '/api/v1/auth/logout', { token: alice });
    expect(result.status).toBe(204);
    expect(result.headers.get('set-cookie')).toMatch(/access_token=;/);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    expect(b.socket.connected).toBe(true);
    const metrics = await api(t.url, 'GET', '/metrics');
    expect(metrics.body).toMatchObject({ activeConnections: 1, roomCount: 1 });
  });
});
