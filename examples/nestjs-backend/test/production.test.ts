import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '@paysocket/server';
import { call } from './support/api';
import { TEST_JWT_SECRET, startBackend, type Backend } from './support/startBackend';
import { WireClient } from './support/WireClient';

const METRICS_TOKEN = 'metrics-token-for-the-production-test';

describe('NestJS backend with NODE_ENV=production', () => {
  let dir: string;
  let backend: Backend;
  let client: WireClient | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paysocket-nest-prod-'));
    backend = await startBackend({
      // Never reached: nothing here creates a deposit.
      momoEndpoint: 'https://test-payment.momo.vn',
      databasePath: join(dir, 'backend.db'),
      env: { NODE_ENV: 'production', METRICS_TOKEN },
    });
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('turns the development routes off and trusts only JWTs signed with JWT_SECRET', async () => {
    expect(
      await call(`${backend.url}/api/v1/auth/login`, { body: { userId: 'mallory' } }),
    ).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });

    // The integrator's own auth issues the tokens.
    const token = await signAccessToken('ivy', TEST_JWT_SECRET);
    const wallet = await call(`${backend.url}/api/v1/wallet`, { token });
    expect(wallet).toMatchObject({ status: 200, body: { userId: 'ivy', balance: 0 } });
    const confirm = await call(`${backend.url}/api/v1/payment/confirm-deposit`, {
      token,
      body: { transactionId: 'PS1' },
    });
    expect(confirm.status).toBe(404);

    const forged = await signAccessToken('ivy', 'some-other-secret-of-32-characters!!');
    expect((await call(`${backend.url}/api/v1/wallet`, { token: forged })).status).toBe(401);
    const refused = new WireClient(backend.url, forged);
    expect((await refused.refused()).message).toBe('UNAUTHORIZED');
    refused.close();
    client = new WireClient(backend.url, token);
    expect((await client.waitFor('session:v1'))[0]?.payload.userId).toBe('ivy');

    expect((await call(`${backend.url}/metrics`)).status).toBe(401);
    const metrics = await call<{ activeConnections: number }>(`${backend.url}/metrics`, {
      token: METRICS_TOKEN,
    });
    expect(metrics.body.activeConnections).toBe(1);
  });
});
