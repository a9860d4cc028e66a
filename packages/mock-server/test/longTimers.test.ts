import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/index';
import { setLongTimeout } from '../src/setLongTimeout';
import { api, createDeposit, login, startTestServer, type TestServer } from './testServer';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('setLongTimeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a delay beyond 2^31-1 ms when due, not at once', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    setLongTimeout(run, 30 * DAY_MS);
    vi.advanceTimersByTime(1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY_MS - 2);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * DAY_MS);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('can be cleared in any of its steps', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const timer = setLongTimeout(run, 60 * DAY_MS);
    vi.advanceTimersByTime(40 * DAY_MS);
    timer.clear();
    vi.advanceTimersByTime(60 * DAY_MS);
    expect(run).not.toHaveBeenCalled();
  });

  it('runs a short or negative delay as setTimeout does', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    setLongTimeout(run, -5);
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('DEPOSIT_TTL_SECONDS beyond a timer’s range', { timeout: 30_000 }, () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  }, 30_000);

  it('keeps a deposit with a 2147484 s life pending', async () => {
    t = await startTestServer({ env: { DEPOSIT_TTL_SECONDS: '2147484' } });
    const token = await login(t.url, 'alice');
    const before = Date.now();
    const deposit = await createDeposit(t.url, token);
    expect(Date.parse(deposit.expiresAt as string)).toBeGreaterThanOrEqual(before + 2_147_484_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const snapshot = await api(
      t.url,
      'GET',
      `/api/v1/payment/transactions/${deposit.transactionId}`,
      {
        token,
      },
    );
    expect(snapshot.body).toMatchObject({ status: 'pending' });
    expect(t.server.service.getMetrics().depositsExpired).toBe(0);
  });

  it('refuses a life longer than a year at start, naming the limit', () => {
    expect(loadConfig({ DEPOSIT_TTL_SECONDS: '31536000' }).depositTtlMs).toBe(31_536_000_000);
    expect(() => loadConfig({ DEPOSIT_TTL_SECONDS: '31536001' })).toThrow(
      'DEPOSIT_TTL_SECONDS must be a whole number of seconds from 1 to 31536000, got "31536001"',
    );
  });
});
