import { useLayoutEffect, useState } from 'react';
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentSocketError } from '@paysocket/client';
import { usePaymentSocket, type PaymentSocketHandlers } from '@paysocket/react';
import { FakePaymentSocketClient } from './support/FakePaymentSocketClient';
import {
  depositCompleted,
  paymentStatusUpdate,
  withdrawalCompleted,
} from './support/paymentEvents';
import { renderHookWithClient, renderWithClient } from './support/renderWithClient';

const EVENT_KINDS = [
  'deposit_completed',
  'payment_status_update',
  'withdrawal_completed',
  'error',
] as const;

function listenerCounts(client: FakePaymentSocketClient) {
  return EVENT_KINDS.map((name) => client.listenerCount(name));
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('usePaymentSocket', () => {
  it('sets the user and reports the connection state as it changes', () => {
    const client = new FakePaymentSocketClient();
    const { result } = renderHookWithClient(() => usePaymentSocket('alice'), client);

    expect(client.getState().userId).toBe('alice');
    expect(result.current).toMatchObject({ connected: false, status: 'connecting', error: null });
    expect(result.current.client).toBe(client);

    act(() => client.acceptConnection());
    expect(result.current).toMatchObject({ connected: true, status: 'connected' });

    const refused = new PaymentSocketError('AUTH_FAILED', 'Token refused');
    act(() => client.setState({ status: 'unauthorized', lastError: refused }));
    expect(result.current).toMatchObject({ connected: false, status: 'unauthorized' });
    expect(result.current.error).toBe(refused);
  });

  it('re-renders only when the status or the last error changes', () => {
    const client = new FakePaymentSocketClient();
    let renders = 0;
    renderHookWithClient(
      () => {
        renders += 1;
        return usePaymentSocket('alice');
      },
      client,
      { strict: false },
    );
    act(() => client.acceptConnection());
    const settled = renders;

    act(() => client.setState({ lastSeq: 7, epoch: 'e1', serverTimeOffsetMs: 12 }));
    act(() => {
      client.deliver(depositCompleted('tx-1'));
    });
    expect(renders).toBe(settled);

    act(() => client.setState({ status: 'reconnecting', attempt: 1 }));
    expect(renders).toBe(settled + 1);
  });

  it('calls each handler with its own events', () => {
    const client = new FakePaymentSocketClient();
    const handlers = {
      onDepositCompleted: vi.fn(),
      onPaymentStatusUpdate: vi.fn(),
      onWithdrawalCompleted: vi.fn(),
      onError: vi.fn(),
    } satisfies PaymentSocketHandlers;
    renderHookWithClient(() => usePaymentSocket('alice', handlers), client);
    act(() => client.acceptConnection());

    const deposit = depositCompleted('tx-1');
    const pending = paymentStatusUpdate('tx-2', 'pending');
    const withdrawal = withdrawalCompleted('tx-3');
    const invalid = new PaymentSocketError('INVALID_EVENT', 'bad payload');
    act(() => {
      client.deliver(deposit);
      client.deliver(pending);
      client.deliver(withdrawal);
      client.fail(invalid);
    });

    expect(handlers.onDepositCompleted.mock.calls).toEqual([[deposit]]);
    expect(handlers.onPaymentStatusUpdate.mock.calls).toEqual([[pending]]);
    expect(handlers.onWithdrawalCompleted.mock.calls).toEqual([[withdrawal]]);
    expect(handlers.onError.mock.calls).toEqual([[invalid]]);
  });

  it('under StrictMode leaves one listener per event kind and one state subscription', () => {
    const client = new FakePaymentSocketClient();
    const { unmount } = renderHookWithClient(
      () => usePaymentSocket('alice', { onDepositCompleted: () => {} }),
      client,
    );

    expect(listenerCounts(client)).toEqual([1, 1, 1, 1]);
    // status and lastError each hold one subscription
    expect(client.subscriberCount()).toBe(2);
    expect(client.setUserCalls.every((userId) => userId === 'alice')).toBe(true);

    unmount();
    expect(listenerCounts(client)).toEqual([0, 0, 0, 0]);
    expect(client.subscriberCount()).toBe(0);
  });

  it('returns listener counts to where they were on unmount, beside other listeners', () => {
    const client = new FakePaymentSocketClient();
    const offOwn = client.on('deposit_completed', () => {});
    const before = listenerCounts(client);

    const first = renderHookWithClient(() => usePaymentSocket('alice'), client);
    const second = renderHookWithClient(() => usePaymentSocket('alice'), client);
    expect(listenerCounts(client)).toEqual(before.map((count) => count + 2));

    first.unmount();
    second.unmount();
    expect(listenerCounts(client)).toEqual(before);
    offOwn();
  });

  it('never resubscribes for a new callback identity, and calls the newest callback', () => {
    const client = new FakePaymentSocketClient();
    const on = vi.spyOn(client, 'on');
    const subscribe = vi.spyOn(client, 'subscribe');
    const calls: string[] = [];
    const { rerender } = renderHookWithClient(
      ({ label }: { label: string }) =>
        usePaymentSocket('alice', {
          onDepositCompleted: (event) => calls.push(`${label}:${event.transactionId}`),
        }),
      client,
      { initialProps: { label: 'first' } },
    );
    const onCalls = on.mock.calls.length;
    const subscribeCalls = subscribe.mock.calls.length;

    rerender({ label: 'second' });
    rerender({ label: 'third' });
    expect(on.mock.calls.length).toBe(onCalls);
    expect(subscribe.mock.calls.length).toBe(subscribeCalls);

    act(() => {
      client.acceptConnection();
      client.deliver(depositCompleted('tx-1'));
    });
    expect(calls).toEqual(['third:tx-1']);
  });

  it('with a null userId signs out and calls no handler', () => {
    const client = new FakePaymentSocketClient();
    const onDepositCompleted = vi.fn();
    const { result, rerender } = renderHookWithClient(
      ({ userId }: { userId: string | null }) => usePaymentSocket(userId, { onDepositCompleted }),
      client,
      { initialProps: { userId: 'alice' as string | null } },
    );
    act(() => client.acceptConnection());

    rerender({ userId: null });
    expect(client.setUserCalls.at(-1)).toBeNull();
    expect(result.current).toMatchObject({ connected: false, status: 'idle' });

    act(() => client.emit('deposit_completed', depositCompleted('tx-1')));
    expect(onDepositCompleted).not.toHaveBeenCalled();
  });

  it("never lets the previous user's events reach the next user's handlers", () => {
    const client = new FakePaymentSocketClient();
    const received: string[] = [];

    // An event of alice's lands in the commit that switches to bob, before the effect that
    // tells the client: bob's handlers are already current, the client's user is still alice.
    function Wallet({ userId }: { userId: string }) {
      usePaymentSocket(userId, {
        onDepositCompleted: (event) => received.push(`${userId} got ${event.transactionId}`),
      });
      useLayoutEffect(() => {
        if (client.getState().userId === 'alice' && userId === 'bob') {
          client.emit('deposit_completed', depositCompleted('alice-tx-late'));
        }
      }, [userId]);
      return null;
    }
    function App() {
      const [userId, setUserId] = useState('alice');
      switchUser = setUserId;
      return <Wallet userId={userId} />;
    }
    let switchUser: (userId: string) => void = () => {};

    renderWithClient(<App />, client);
    act(() => client.acceptConnection());
    act(() => client.deliver(depositCompleted('alice-tx-1')));

    act(() => switchUser('bob'));
    expect(client.getState().userId).toBe('bob');
    act(() => client.acceptConnection());
    act(() => client.deliver(depositCompleted('bob-tx-1')));

    expect(received).toEqual(['alice got alice-tx-1', 'bob got bob-tx-1']);
  });

  it('lets the last hook to name a user win, and warns in development', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = new FakePaymentSocketClient();
    function Alice() {
      usePaymentSocket('alice');
      return null;
    }
    function Bob() {
      usePaymentSocket('bob');
      return null;
    }
    renderWithClient(
      <>
        <Alice />
        <Bob />
      </>,
      client,
    );
    await act(async () => {});

    expect(client.getState().userId).toBe('bob');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /different users \("alice", "bob"\).*usePaymentSocket\("bob"\), wins/,
    );
  });

  it('does not warn when every hook switches user in the same commit', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = new FakePaymentSocketClient();
    function Twice({ userId }: { userId: string }) {
      usePaymentSocket(userId);
      usePaymentSocket(userId);
      return null;
    }
    const { rerender } = renderWithClient(<Twice userId="alice" />, client);
    rerender(<Twice userId="bob" />);
    await act(async () => {});

    expect(client.getState().userId).toBe('bob');
    expect(warn).not.toHaveBeenCalled();
  });

  it('does not warn in production builds', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = new FakePaymentSocketClient();
    renderHookWithClient(() => {
      usePaymentSocket('alice');
      usePaymentSocket('bob');
    }, client);
    await act(async () => {});

    expect(client.getState().userId).toBe('bob');
    expect(warn).not.toHaveBeenCalled();
  });

  it('never connects, disconnects or destroys the client itself', () => {
    const client = new FakePaymentSocketClient();
    const { unmount } = renderHookWithClient(() => usePaymentSocket('alice'), client);
    act(() => client.acceptConnection());
    unmount();

    expect(client.calls).toEqual({ connect: 0, disconnect: 0, destroy: 0 });
    expect(client.getState().status).toBe('connected');
  });
});
