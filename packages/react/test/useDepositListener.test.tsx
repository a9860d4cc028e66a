import { waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useDepositListener } from '@paysocket/react';
import {
  USER_ID,
  caughtUp,
  flush,
  lookupOf,
  reconnect,
  setUpBackendMock,
} from './support/backendMock';
import { renderHookWithClient } from './support/renderWithClient';

const { backend, createClient, lookups } = setUpBackendMock();
const patience = { timeout: 10_000, interval: 5 };

/** A client that is connected as the backend's user, with nothing left to catch up. */
async function connectedClient() {
  const client = createClient();
  client.setUser(USER_ID);
  client.connect();
  await caughtUp(client);
  return client;
}

describe('useDepositListener', () => {
  it('fires onCompleted once for its transaction and never for another', async () => {
    const client = await connectedClient();
    const mine = backend.createDeposit({ amount: 50_000 });
    const other = backend.createDeposit({ amount: 20_000 });
    const onCompleted = vi.fn();
    const { result } = renderHookWithClient(
      () => useDepositListener(USER_ID, mine.transactionId, onCompleted),
      client,
    );
    expect(result.current).toEqual({ connected: true, status: 'connected' });

    backend.completeDeposit(other.transactionId);
    backend.completeDeposit(mine.transactionId);
    await waitFor(() => expect(onCompleted).toHaveBeenCalled(), patience);
    const [[completion]] = onCompleted.mock.calls as [[Record<string, unknown>]];
    // A second copy under another eventId (e.g. from a server that re-sent it).
    backend.sendRaw('deposit_completed:v1', { ...completion, eventId: 'again' });
    await flush(backend, client);

    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(completion).toMatchObject({
      type: 'deposit_completed',
      transactionId: mine.transactionId,
      amount: 50_000,
      newBalance: 70_000, // the other deposit was credited first
    });
  });

  it('fires once, under StrictMode, for a completion the client knew before mount', async () => {
    const client = await connectedClient();
    const deposit = backend.createDeposit({ amount: 50_000 });
    backend.completeDeposit(deposit.transactionId);
    await waitFor(
      () => expect(client.getTransaction(deposit.transactionId)?.status).toBe('completed'),
      patience,
    );
    const onCompleted = vi.fn();

    const { rerender } = renderHookWithClient(
      () => useDepositListener(USER_ID, deposit.transactionId, onCompleted),
      client,
    );
    rerender();
    await flush(backend, client);

    expect(onCompleted.mock.calls).toEqual([
      [expect.objectContaining({ transactionId: deposit.transactionId, amount: 50_000 })],
    ]);
  });

  it('calls onFailed and onCancelled once each, and onCompleted for a late success', async () => {
    const client = await connectedClient();
    const expiring = backend.createDeposit({ amount: 50_000 });
    const declining = backend.createDeposit({ amount: 30_000 });
    const onCompleted = vi.fn();
    const onFailed = vi.fn();
    const onCancelled = vi.fn();
    for (const deposit of [expiring, declining]) {
      renderHookWithClient(
        () =>
          useDepositListener(USER_ID, deposit.transactionId, onCompleted, {
            onFailed,
            onCancelled,
          }),
        client,
      );
    }

    backend.expireDeposit(expiring.transactionId);
    await waitFor(() => expect(onFailed).toHaveBeenCalled(), patience);
    const [[expired]] = onFailed.mock.calls as [[Record<string, unknown>]];
    backend.sendRaw('payment_status_update:v1', { ...expired, eventId: 'again' });
    backend.cancelDeposit(declining.transactionId, 'declined');
    backend.completeDeposit(expiring.transactionId);
    await waitFor(() => expect(onCompleted).toHaveBeenCalled(), patience);
    await flush(backend, client);

    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(expired).toMatchObject({
      transactionId: expiring.transactionId,
      status: 'failed',
      metadata: { reason: 'expired' },
    });
    expect(onCancelled.mock.calls).toEqual([
      [
        expect.objectContaining({
          transactionId: declining.transactionId,
          status: 'cancelled',
          metadata: { reason: 'declined' },
        }),
      ],
    ]);
    expect(onCompleted.mock.calls).toEqual([
      [expect.objectContaining({ transactionId: expiring.transactionId, amount: 50_000 })],
    ]);
  });

  it('keeps its transaction watched while mounted, and follows a new transactionId', async () => {
    const client = await connectedClient();
    const first = backend.createDeposit({ amount: 50_000 });
    const second = backend.createDeposit({ amount: 60_000 });
    const { rerender, unmount } = renderHookWithClient(
      ({ transactionId }: { transactionId: string | null }) =>
        useDepositListener(USER_ID, transactionId, () => {}),
      client,
      { initialProps: { transactionId: null as string | null } },
    );
    await reconnect(backend, client);
    expect(lookups).toEqual([]);

    // A watched transaction that is not final is looked up after every reconnect.
    rerender({ transactionId: first.transactionId });
    await reconnect(backend, client);
    expect(lookups).toContain(lookupOf(first.transactionId));

    rerender({ transactionId: second.transactionId });
    lookups.length = 0;
    await reconnect(backend, client);
    expect(lookups).toContain(lookupOf(second.transactionId));
    expect(lookups).not.toContain(lookupOf(first.transactionId));

    unmount();
    lookups.length = 0;
    await reconnect(backend, client);
    expect(lookups).toEqual([]);
    expect(client.listenerCount('deposit_completed')).toBe(0);
    expect(client.listenerCount('payment_status_update')).toBe(0);
  });

  it('calls the newest onCompleted without resubscribing', async () => {
    const client = await connectedClient();
    const deposit = backend.createDeposit({ amount: 50_000 });
    const observer = client.observe(deposit.transactionId);
    const calls: string[] = [];
    const { rerender } = renderHookWithClient(
      ({ label }: { label: string }) =>
        useDepositListener(USER_ID, deposit.transactionId, () => calls.push(label)),
      client,
      { initialProps: { label: 'first' } },
    );
    const onOutcome = vi.spyOn(observer, 'onOutcome');
    rerender({ label: 'second' });

    backend.completeDeposit(deposit.transactionId);
    await waitFor(() => expect(calls).toEqual(['second']), patience);
    expect(onOutcome).not.toHaveBeenCalled();
  });

  it('fires nothing while signed out, even for a completion the client knew', async () => {
    const client = await connectedClient();
    const deposit = backend.createDeposit({ amount: 50_000 });
    backend.completeDeposit(deposit.transactionId);
    await waitFor(
      () => expect(client.getTransaction(deposit.transactionId)?.status).toBe('completed'),
      patience,
    );
    const onCompleted = vi.fn();

    renderHookWithClient(
      () => useDepositListener(null, deposit.transactionId, onCompleted),
      client,
    );

    expect(client.getState().userId).toBeNull();
    await waitFor(() => expect(client.getState().status).not.toBe('connected'), patience);
    expect(onCompleted).not.toHaveBeenCalled();
  });
});
