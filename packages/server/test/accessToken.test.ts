import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AccessTokenError, signAccessToken, verifyAccessToken } from '../src/index';

const secret = 'a-test-secret-with-more-than-32-characters';
const key = new TextEncoder().encode(secret);

async function codeOf(token: string): Promise<string> {
  const error = await verifyAccessToken(token, secret).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccessTokenError);
  return (error as AccessTokenError).code;
}

describe('access tokens', () => {
  it('round-trips the user id', async () => {
    const token = await signAccessToken('alice', secret, { expiresInSeconds: 60 });
    const claims = await verifyAccessToken(token, secret);
    expect(claims.userId).toBe('alice');
    expect(claims.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('reports an expired token as TOKEN_EXPIRED', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime(now - 10)
      .sign(key);
    expect(await codeOf(token)).toBe('TOKEN_EXPIRED');
  });

  it('refuses alg none, other algorithms, other secrets, missing subject or expiry', async () => {
    const none = new UnsecuredJWT({}).setSubject('alice').setExpirationTime('5m').encode();
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('alice')
      .setExpirationTime('5m')
      .sign(key);
    const otherSecret = await signAccessToken('alice', 'another-secret-with-more-than-32-chars');
    const noSubject = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(key);
    const noExpiry = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .sign(key);
    for (const token of [none, hs512, otherSecret, noSubject, noExpiry, 'a.b.c', '']) {
      expect(await codeOf(token)).toBe('UNAUTHORIZED');
    }
  });
});
