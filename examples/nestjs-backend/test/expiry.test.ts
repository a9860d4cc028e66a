import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { startMockServer, type MockServer } from '@paysocket/mock-server';
import { actOnPayPage, balance, call, createDeposit, login } from './support/api';
import { TEST_MOMO, startBackend, type Backend } from './support/startBackend';
import { WireClient } from './support/WireClient';

describe('NestJS backend: reconciliation with MoMo', () => {
  let dir: string;
  let provider: MockServer;
  let backend: Backend;
  let client: WireClient | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paysocket-nest-expiry-'));
    provider = await startMockServer({
      port: 0,
      host: '127.0.0.1',
      databasePath: ':memory:',
      momo: TEST_MOMO,
      env: {},
    });
    backend = await startBackend({
      momoEndpoint: `${provider.url}/mock-momo`,
      databasePath: join(dir, 'backend.db'),
      env: { DEPOSIT_TTL_SECONDS: '5', RECONCILE_AFTER_SECONDS: '1' },
    });
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await backend?.stop();
    await provider?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('queries MoMo: a payment whose IPN was lost is credited once before expiry, an unpaid one expires', async () => {
    const token = await login(backend.url, `hana-${Math.random().toString(36).slice(2, 8)}`);
    client = new WireClient(backend.url, token);
    await client.waitFor('session:v1');

    const modeSet = await fetch(`${provider.url}/mock-momo/dev/ipn-mode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'drop' }),
    });
    expect(modeSet.status).toBeLessThan(300);
    const paid = await createDeposit(backend.url, token, 40_000);
    const unpaid = await createDeposit(backend.url, token, 60_000);
    expect(await actOnPayPage(paid.paymentUrl as string, 'pay')).toBe(200);
    // MoMo took the money but its IPN never came: only a query can tell.
    expect(provider.fakeMomo?.ipnDelivery.mode).toBe('drop');

    const [completed] = await client.waitFor('deposit_completed:v1');
    expect(completed?.payload).toMatchObject({
      transactionId: paid.transactionId,
      newBalance: 40_000,
    });
    // Found by a query after RECONCILE_AFTER_SECONDS, not left until the expiry.
    expect(Date.parse(String(completed?.payload.timestamp))).toBeLessThan(
      Date.parse(paid.expiresAt as string),
    );
    const [expired] = await client.waitFor('payment_status_update:v1');
    expect(expired?.payload).toMatchObject({
      transactionId: unpaid.transactionId,
      status: 'failed',
      metadata: { reason: 'expired' },
    });
    const snapshot = await call<TransactionSnapshot>(
      `${backend.url}/api/v1/payment/transactions/${unpaid.transactionId}`,
      { token },
    );
    expect(snapshot.body).toMatchObject({ status: 'failed', reason: 'expired' });
    expect(await balance(backend.url, token)).toBe(40_000);
    expect(client.named('deposit_completed:v1')).toHaveLength(1);
    expect(client.named('payment_status_update:v1')).toHaveLength(1);
  });
});
