import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useDepositListener } from '@paysocket/react';
import { FakePaymentSocketClient } from './support/FakePaymentSocketClient';
import { depositCompleted, paymentStatusUpdate } from './support/paymentEvents';
import { renderHookWithClient } from './support/renderWithClient';

function connectedClient(userId = 'alice') {
  const client = new FakePaymentSocketClient();
  client.setUser(userId);
  client.acceptConnection();
  return client;
}

describe('useDepositListener', () => {
  it('fires onCompleted once for its transaction and never for another', () => {
    const client = connectedClient();
    const onCompleted = vi.fn();
    const { result } = renderHookWithClient(
      () => useDepositListener('alice', 'tx-1', onCompleted),
      client,
    );
    expect(result.current).toEqual({ connected: true, status: 'connected' });

    const mine = depositCompleted('tx-1');
    act(() => {
      client.deliver(depositCompleted('tx-other'));
      client.deliver(paymentStatusUpdate('tx-1', 'pending'));
      client.deliver(mine);
      // A second copy that reached the client's listeners anyway (e.g. an old client build).
      client.emit('deposit_completed', depositCompleted('tx-1', { eventId: 'again' }));
    });

    expect(onCompleted.mock.calls).toEqual([[mine]]);
  });

  it('fires once, under StrictMode, for a completion the client knew before mount', () => {
    const client = connectedClient();
    const known = depositCompleted('tx-1');
    client.deliver(known);
    const onCompleted = vi.fn();

    const { rerender } = renderHookWithClient(
      () => useDepositListener('alice', 'tx-1', onCompleted),
      client,
    );
    rerender();

    expect(onCompleted.mock.calls).toEqual([[known]]);
  });

  it('calls onFailed and onCancelled once each, and onCompleted for a late success', () => {
    const client = connectedClient();
    const onCompleted = vi.fn();
    const onFailed = vi.fn();
    const onCancelled = vi.fn();
    renderHookWithClient(
      () => useDepositListener('alice', 'tx-1', onCompleted, { onFailed, onCancelled }),
      client,
    );
    renderHookWithClient(
      () => useDepositListener('alice', 'tx-2', onCompleted, { onFailed, onCancelled }),
      client,
    );

    const expired = paymentStatusUpdate('tx-1', 'failed', { reason: 'expired' });
    const declined = paymentStatusUpdate('tx-2', 'cancelled', { reason: 'declined' });
    const lateSuccess = depositCompleted('tx-1');
    act(() => {
      client.deliver(expired);
      client.emit('payment_status_update', expired);
      client.deliver(declined);
      client.deliver(lateSuccess);
    });

    expect(onFailed.mock.calls).toEqual([[expired]]);
    expect(onCancelled.mock.calls).toEqual([[declined]]);
    expect(onCompleted.mock.calls).toEqual([[lateSuccess]]);
  });

  it('keeps its transaction watched while mounted, and follows a new transactionId', () => {
    const client = connectedClient();
    const { rerender, unmount } = renderHookWithClient(
      ({ transactionId }: { transactionId: string | null }) =>
        useDepositListener('alice', transactionId, () => {}),
      client,
      { initialProps: { transactionId: null as string | null } },
    );
    expect(client.followedIds()).toEqual([]);

    rerender({ transactionId: 'tx-1' });
    expect(client.followedIds()).toEqual(['tx-1']);
    expect(client.followCount('tx-1')).toBe(1);

    rerender({ transactionId: 'tx-2' });
    expect(client.followedIds()).toEqual(['tx-2']);

    unmount();
    expect(client.followedIds()).toEqual([]);
    expect(client.listenerCount('deposit_completed')).toBe(0);
    expect(client.listenerCount('payment_status_update')).toBe(0);
  });

  it('calls the newest onCompleted without resubscribing', () => {
    const client = connectedClient();
    const onOutcome = vi.spyOn(client.observe('tx-1'), 'onOutcome');
    const calls: string[] = [];
    const { rerender } = renderHookWithClient(
      ({ label }: { label: string }) =>
        useDepositListener('alice', 'tx-1', () => calls.push(label)),
      client,
      { initialProps: { label: 'first' } },
    );
    const subscriptions = onOutcome.mock.calls.length;
    expect(subscriptions).toBeGreaterThan(0);
    rerender({ label: 'second' });

    act(() => {
      client.deliver(depositCompleted('tx-1'));
    });
    expect(onOutcome.mock.calls.length).toBe(subscriptions);
    expect(calls).toEqual(['second']);
  });

  it('fires nothing while signed out', () => {
    const client = new FakePaymentSocketClient();
    const onCompleted = vi.fn();
    renderHookWithClient(() => useDepositListener(null, 'tx-1', onCompleted), client);

    expect(client.setUserCalls).toContain(null);
    act(() => client.emit('deposit_completed', depositCompleted('tx-1')));
    expect(onCompleted).not.toHaveBeenCalled();
  });
});
