import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentStore } from '../src/index';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('PaymentStore on a database file from before MoMo links were stored', () => {
  it('adds the link columns, keeps the old rows and stores links for new deposits', () => {
    dir = mkdtempSync(join(tmpdir(), 'paysocket-migration-'));
    const path = join(dir, 'old.db');
    const old = new Database(path);
    // The transactions table as the previous release created it.
    old.exec(`
      CREATE TABLE transactions (
        position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
        type TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, amount INTEGER NOT NULL,
        new_balance INTEGER, provider_transaction_id TEXT, message TEXT NOT NULL,
        request_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        expires_at INTEGER
      );
      INSERT INTO transactions (id, user_id, type, status, amount, message, request_id, created_at, updated_at, expires_at)
      VALUES ('MOMOold1', 'alice', 'deposit', 'pending', 10000, 'old', 'r-old', 1, 1, 2);
    `);
    old.close();

    const store = new PaymentStore(path);
    try {
      expect(store.get('MOMOold1')).toMatchObject({
        amount: 10_000,
        paymentUrl: undefined,
        deeplink: undefined,
        qrCodeData: undefined,
      });
      const created = store.insert({
        id: 'MOMOnew1',
        userId: 'alice',
        type: 'deposit',
        amount: 20_000,
        message: 'new',
        requestId: 'r-new',
        createdAt: 3,
        expiresAt: 4,
        paymentUrl: 'https://test-payment.momo.vn/pay/1',
        deeplink: 'momo://app?sid=1',
        qrCodeData: 'momo://qr/1',
      });
      expect(created).toMatchObject({
        paymentUrl: 'https://test-payment.momo.vn/pay/1',
        deeplink: 'momo://app?sid=1',
        qrCodeData: 'momo://qr/1',
      });
    } finally {
      store.close();
    }
    // Opening the migrated file again changes nothing.
    const again = new PaymentStore(path);
    expect(again.get('MOMOnew1')?.qrCodeData).toBe('momo://qr/1');
    again.close();
  });
});
