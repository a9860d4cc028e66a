import { act, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { PaymentSocketClient } from '@paysocket/client';
import { useTransactionStatus } from '@paysocket/react';
import {
  API_URL,
  USER_ID,
  caughtUp,
  flush,
  lookupOf,
  reconnect,
  setUpBackendMock,
} from './support/backendMock';
import { renderHookWithClient } from './support/renderWithClient';

const { backend, createClient, server, lookups } = setUpBackendMock();
const patience = { timeout: 10_000, interval: 5 };
const nothing = { status: null, event: null, reason: null, error: null };

async function signedIn() {
  const client = createClient();
  client.setUser(USER_ID);
  client.connect();
  await caughtUp(client);
  return client;
}

/** A `payment_status_update:v1` pending event for a deposit, as the wire carries it. */
function pendingEvent(transactionId: string, amount: number) {
  return {
    type: 'payment_status_update',
    transactionId,
    status: 'pending',
    amount,
    transactionType: 'deposit',
    message: 'Đang chờ thanh toán',
    timestamp: new Date().toISOString(),
  };
}

async function completedOnClient(client: PaymentSocketClient, transactionId: string) {
  backend.completeDeposit(transactionId);
  await waitFor(
    () => expect(client.getTransaction(transactionId)?.status).toBe('completed'),
    patience,
  );
}

describe('useTransactionStatus', () => {
  it('is null until something is known, then follows the client', async () => {
    const client = await signedIn();
    const deposit = backend.createDeposit({ amount: 50_000 });
    const { result } = renderHookWithClient(
      () => useTransactionStatus(deposit.transactionId),
      client,
    );
    expect(result.current).toEqual(nothing);

    const pending = pendingEvent(deposit.transactionId, 50_000);
    backend.sendRaw('payment_status_update:v1', pending);
    await waitFor(() => expect(result.current.status).toBe('pending'), patience);
    expect(result.current).toEqual({
      status: 'pending',
      event: pending,
      reason: null,
      error: null,
    });

    backend.expireDeposit(deposit.transactionId);
    await waitFor(() => expect(result.current.status).toBe('failed'), patience);
    expect(result.current).toMatchObject({
      reason: 'expired',
      event: { type: 'payment_status_update', status: 'failed', metadata: { reason: 'expired' } },
    });

    backend.completeDeposit(deposit.transactionId);
    await waitFor(() => expect(result.current.status).toBe('completed'), patience);
    expect(result.current).toMatchObject({
      event: { type: 'deposit_completed', transactionId: deposit.transactionId },
      reason: null,
    });
  });

  it('re-renders only when its own transaction changes', async () => {
    const client = await signedIn();
    const mine = backend.createDeposit({ amount: 50_000 });
    const other = backend.createDeposit({ amount: 20_000 });
    let renders = 0;
    const { result } = renderHookWithClient(
      () => {
        renders += 1;
        return useTransactionStatus(mine.transactionId);
      },
      client,
      { strict: false },
    );
    // Following it looks it up once: pending.
    await waitFor(() => expect(result.current.status).toBe('pending'), patience);
    const settled = renders;

    // Another transaction's event also moves the client's lastSeq.
    await completedOnClient(client, other.transactionId);
    await flush(backend, client);
    expect(renders).toBe(settled);

    backend.expireDeposit(mine.transactionId);
    await waitFor(() => expect(result.current.status).toBe('failed'), patience);
    await flush(backend, client);
    expect(renders).toBe(settled + 1);
  });

  it('reads a state found by a look-up', async () => {
    const client = await signedIn();
    const deposit = backend.createDeposit({ amount: 50_000 });
    // Cancelled while the client was offline: only a look-up can tell it.
    client.disconnect();
    backend.cancelDeposit(deposit.transactionId, 'user_cancelled');
    const { result } = renderHookWithClient(
      () => useTransactionStatus(deposit.transactionId),
      client,
    );
    await act(() => client.refreshTransaction(deposit.transactionId));

    // The client builds the event the look-up stands for.
    expect(result.current).toMatchObject({
      status: 'cancelled',
      event: { type: 'payment_status_update', status: 'cancelled' },
      reason: 'user_cancelled',
      error: null,
    });
  });

  it('never regresses, even when the client forgets the transaction on a user switch', async () => {
    const client = await signedIn();
    const deposit = backend.createDeposit({ amount: 50_000 });
    const { result } = renderHookWithClient(
      () => useTransactionStatus(deposit.transactionId),
      client,
    );
    await completedOnClient(client, deposit.transactionId);
    expect(result.current.status).toBe('completed');

    // Stale or contradicting events that a confused server might still send.
    backend.sendRaw('payment_status_update:v1', pendingEvent(deposit.transactionId, 50_000));
    backend.sendRaw('payment_status_update:v1', {
      ...pendingEvent(deposit.transactionId, 50_000),
      status: 'failed',
      metadata: { reason: 'momo_99' },
    });
    await flush(backend, client);
    expect(result.current.status).toBe('completed');

    act(() => client.setUser('bob'));
    expect(client.getTransaction(deposit.transactionId)).toBeUndefined();
    expect(result.current.status).toBe('completed');
  });

  it('starts afresh for another transactionId', async () => {
    const client = await signedIn();
    const deposit = backend.createDeposit({ amount: 50_000 });
    const another = backend.createDeposit({ amount: 60_000 });
    await completedOnClient(client, deposit.transactionId);
    const { result, rerender } = renderHookWithClient(
      ({ id }: { id: string | null }) => useTransactionStatus(id),
      client,
      { initialProps: { id: deposit.transactionId as string | null } },
    );
    expect(result.current.status).toBe('completed');

    rerender({ id: another.transactionId });
    expect(result.current.status).toBeNull();
    rerender({ id: null });
    expect(result.current).toEqual(nothing);
  });

  it('keeps the transaction followed while mounted, once under StrictMode', async () => {
    const client = await signedIn();
    const deposit = backend.createDeposit({ amount: 50_000 });
    const { unmount } = renderHookWithClient(
      () => useTransactionStatus(deposit.transactionId),
      client,
    );
    // A followed transaction that is not final is looked up after every reconnect.
    await reconnect(backend, client);
    expect(lookups.length).toBeGreaterThan(0);
    expect(new Set(lookups)).toEqual(new Set([lookupOf(deposit.transactionId)]));

    unmount();
    lookups.length = 0;
    await reconnect(backend, client);
    expect(lookups).toEqual([]);
    expect(client.listenerCount('error')).toBe(0);
  });

  it("returns its own transaction's errors as state until the state changes", async () => {
    const client = await signedIn();
    const mine = backend.createDeposit({ amount: 50_000 });
    const other = backend.createDeposit({ amount: 20_000 });
    const { result } = renderHookWithClient(() => useTransactionStatus(mine.transactionId), client);
    await waitFor(() => expect(result.current.status).toBe('pending'), patience);
    backend.sendRaw('payment_status_update:v1', { type: 'payment_status_update' });
    await flush(backend, client);
    // Caught up again after the bad event, so no look-up is left that the failure below hits.
    await caughtUp(client);
    server.use(
      http.get(`${API_URL}${lookupOf(':id')}`, () =>
        HttpResponse.json({ error: { code: 'INTERNAL', message: 'down' } }, { status: 500 }),
      ),
    );
    await act(() => client.refreshTransaction(other.transactionId));
    expect(result.current.error).toBeNull();

    await act(() => client.refreshTransaction(mine.transactionId));
    expect(result.current.error).toMatchObject({
      code: 'LOOKUP_FAILED',
      transactionId: mine.transactionId,
    });

    backend.expireDeposit(mine.transactionId);
    await waitFor(() => expect(result.current.status).toBe('failed'), patience);
    expect(result.current.error).toBeNull();
  });
});
