import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PaymentSocketError } from '@paysocket/client';
import { useTransactionStatus } from '@paysocket/react';
import { FakePaymentSocketClient } from './support/FakePaymentSocketClient';
import { depositCompleted, paymentStatusUpdate } from './support/paymentEvents';
import { renderHookWithClient } from './support/renderWithClient';

function signedIn() {
  const client = new FakePaymentSocketClient();
  client.setUser('alice');
  client.acceptConnection();
  return client;
}

describe('useTransactionStatus', () => {
  it('is null until something is known, then follows the client', () => {
    const client = signedIn();
    const { result } = renderHookWithClient(() => useTransactionStatus('tx-1'), client);
    expect(result.current).toEqual({ status: null, event: null, reason: null, error: null });

    const pending = paymentStatusUpdate('tx-1', 'pending');
    act(() => {
      client.deliver(pending);
    });
    expect(result.current).toEqual({
      status: 'pending',
      event: pending,
      reason: null,
      error: null,
    });

    const expired = paymentStatusUpdate('tx-1', 'failed', { reason: 'expired' });
    act(() => {
      client.deliver(expired);
    });
    expect(result.current).toMatchObject({ status: 'failed', reason: 'expired', event: expired });

    const lateSuccess = depositCompleted('tx-1');
    act(() => {
      client.deliver(lateSuccess);
    });
    expect(result.current).toMatchObject({ status: 'completed', event: lateSuccess, reason: null });
  });

  it('re-renders only when its own transaction changes', () => {
    const client = signedIn();
    let renders = 0;
    renderHookWithClient(
      () => {
        renders += 1;
        return useTransactionStatus('tx-1');
      },
      client,
      { strict: false },
    );
    const settled = renders;

    act(() => {
      client.deliver(depositCompleted('tx-2'));
      client.setState({ lastSeq: 3 });
    });
    expect(renders).toBe(settled);

    act(() => {
      client.deliver(paymentStatusUpdate('tx-1', 'pending'));
    });
    expect(renders).toBe(settled + 1);
  });

  it('reads a state found by a look-up, with no event', () => {
    const client = signedIn();
    client.setTransaction({ transactionId: 'tx-1', status: 'cancelled', reason: 'user_cancelled' });
    const { result } = renderHookWithClient(() => useTransactionStatus('tx-1'), client);
    expect(result.current).toEqual({
      status: 'cancelled',
      event: null,
      reason: 'user_cancelled',
      error: null,
    });
  });

  it('never regresses, even when the client forgets the transaction on a user switch', () => {
    const client = signedIn();
    const { result } = renderHookWithClient(() => useTransactionStatus('tx-1'), client);
    act(() => {
      client.deliver(depositCompleted('tx-1'));
    });
    act(() => {
      client.setTransaction({ transactionId: 'tx-1', status: 'pending' });
    });
    expect(result.current.status).toBe('completed');

    act(() => {
      client.setTransaction({ transactionId: 'tx-1', status: 'failed', reason: 'momo_99' });
    });
    expect(result.current.status).toBe('completed');

    act(() => client.setUser('bob'));
    expect(client.getTransaction('tx-1')).toBeUndefined();
    expect(result.current.status).toBe('completed');
  });

  it('starts afresh for another transactionId', () => {
    const client = signedIn();
    client.deliver(depositCompleted('tx-1'));
    const { result, rerender } = renderHookWithClient(
      ({ id }: { id: string | null }) => useTransactionStatus(id),
      client,
      { initialProps: { id: 'tx-1' as string | null } },
    );
    expect(result.current.status).toBe('completed');

    rerender({ id: 'tx-2' });
    expect(result.current.status).toBeNull();
    rerender({ id: null });
    expect(result.current).toEqual({ status: null, event: null, reason: null, error: null });
  });

  it('keeps the transaction followed while mounted, once under StrictMode', () => {
    const client = signedIn();
    const { unmount } = renderHookWithClient(() => useTransactionStatus('tx-1'), client);
    expect(client.followCount('tx-1')).toBe(1);

    unmount();
    expect(client.followCount('tx-1')).toBe(0);
    expect(client.subscriberCount()).toBe(0);
    expect(client.listenerCount('error')).toBe(0);
  });

  it("returns its own transaction's errors as state until the state changes", () => {
    const client = signedIn();
    const { result } = renderHookWithClient(() => useTransactionStatus('tx-1'), client);
    const failedLookup = new PaymentSocketError('LOOKUP_FAILED', 'HTTP 500', {
      transactionId: 'tx-1',
    });
    act(() => {
      client.fail(new PaymentSocketError('LOOKUP_FAILED', 'HTTP 500', { transactionId: 'tx-9' }));
      client.fail(new PaymentSocketError('INVALID_EVENT', 'bad payload'));
    });
    expect(result.current.error).toBeNull();

    act(() => client.fail(failedLookup));
    expect(result.current.error).toBe(failedLookup);

    act(() => {
      client.deliver(paymentStatusUpdate('tx-1', 'pending'));
    });
    expect(result.current).toMatchObject({ status: 'pending', error: null });
  });
});
