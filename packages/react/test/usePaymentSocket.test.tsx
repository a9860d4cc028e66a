import { useLayoutEffect, useState } from 'react';
import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentSocketClient } from '@paysocket/client';
import { usePaymentSocket, type PaymentSocketHandlers } from '@paysocket/react';
import { API_URL, USER_ID, caughtUp, flush, setUpBackendMock } from './support/backendMock';
import { renderHookWithClient, renderWithClient } from './support/renderWithClient';

const { backend, createClient } = setUpBackendMock();
const patience = { timeout: 10_000, interval: 5 };

const EVENT_KINDS = [
  'deposit_completed',
  'payment_status_update',
  'withdrawal_completed',
  'error',
] as const;

function listenerCounts(client: PaymentSocketClient) {
  return EVENT_KINDS.map((name) => client.listenerCount(name));
}

/** A token for `userId` from the backend's login route. */
async function logIn(userId: string): Promise<string> {
  const response = await fetch(`${API_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const { token } = (await response.json()) as { token: string };
  return token;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('usePaymentSocket', () => {
  it('sets the user and reports the connection state as it changes', async () => {
    const client = createClient();
    const { result } = renderHookWithClient(() => usePaymentSocket(USER_ID), client);

    expect(client.getState().userId).toBe(USER_ID);
    expect(result.current).toMatchObject({ connected: false, status: 'connecting', error: null });
    expect(result.current.client).toBe(client);

    await waitFor(() => expect(result.current.status).toBe('connected'), patience);
    expect(result.current.connected).toBe(true);

    backend.rejectAuth('TOKEN_EXPIRED');
    backend.dropConnection();
    await waitFor(() => expect(result.current.status).toBe('unauthorized'), patience);
    expect(result.current.connected).toBe(false);
    expect(result.current.error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(result.current.error).toBe(client.getState().lastError);
  });

  it('re-renders only when the status or the last error changes', async () => {
    const client = createClient();
    const seen: string[] = [];
    const { result } = renderHookWithClient(
      () => {
        const state = usePaymentSocket(USER_ID);
        seen.push(`${state.status}/${state.error?.code ?? 'none'}`);
        return state;
      },
      client,
      { strict: false },
    );
    await waitFor(() => expect(result.current.status).toBe('connected'), patience);
    await caughtUp(client);
    const settled = seen.length;

    // Moves the client's lastSeq and caught-up state, not its status.
    const deposit = backend.createDeposit({ amount: 50_000 });
    backend.completeDeposit(deposit.transactionId);
    await flush(backend, client);
    expect(seen.length).toBe(settled);

    backend.dropConnection();
    await waitFor(() => expect(seen.length).toBeGreaterThan(settled + 1), patience);
    await caughtUp(client);
    // Every render after that showed something new.
    const changes = seen.slice(settled - 1);
    changes.slice(1).forEach((shown, index) => expect(shown).not.toBe(changes[index]));
  });

  it('calls each handler with its own events', async () => {
    const client = createClient();
    const handlers = {
      onDepositCompleted: vi.fn(),
      onPaymentStatusUpdate: vi.fn(),
      onWithdrawalCompleted: vi.fn(),
      onError: vi.fn(),
    } satisfies PaymentSocketHandlers;
    renderHookWithClient(() => usePaymentSocket(USER_ID, handlers), client);
    await caughtUp(client);

    const deposit = backend.createDeposit({ amount: 100_000 });
    backend.completeDeposit(deposit.transactionId);
    const withdrawal = backend.createWithdrawal({ amount: 20_000 });
    backend.completeWithdrawal(withdrawal.transactionId);
    backend.sendRaw('deposit_completed:v1', { type: 'deposit_completed' });
    await flush(backend, client);

    expect(handlers.onDepositCompleted.mock.calls).toEqual([
      [expect.objectContaining({ transactionId: deposit.transactionId, newBalance: 100_000 })],
    ]);
    expect(handlers.onPaymentStatusUpdate.mock.calls).toEqual([
      [
        expect.objectContaining({
          transactionId: withdrawal.transactionId,
          status: 'pending',
          transactionType: 'withdrawal',
        }),
      ],
      // flush's marker
      [expect.objectContaining({ message: 'marker' })],
    ]);
    expect(handlers.onWithdrawalCompleted.mock.calls).toEqual([
      [expect.objectContaining({ transactionId: withdrawal.transactionId, newBalance: 80_000 })],
    ]);
    expect(handlers.onError.mock.calls).toEqual([
      [expect.objectContaining({ code: 'INVALID_EVENT' })],
    ]);
  });

  it('under StrictMode leaves one listener per event kind', () => {
    const client = createClient();
    const { unmount } = renderHookWithClient(
      () => usePaymentSocket(USER_ID, { onDepositCompleted: () => {} }),
      client,
    );

    expect(listenerCounts(client)).toEqual([1, 1, 1, 1]);
    expect(client.getState().userId).toBe(USER_ID);

    unmount();
    expect(listenerCounts(client)).toEqual([0, 0, 0, 0]);
  });

  it('returns listener counts to where they were on unmount, beside other listeners', () => {
    const client = createClient();
    const offOwn = client.on('deposit_completed', () => {});
    const before = listenerCounts(client);

    const first = renderHookWithClient(() => usePaymentSocket(USER_ID), client);
    const second = renderHookWithClient(() => usePaymentSocket(USER_ID), client);
    expect(listenerCounts(client)).toEqual(before.map((count) => count + 2));

    first.unmount();
    second.unmount();
    expect(listenerCounts(client)).toEqual(before);
    offOwn();
  });

  it('never resubscribes for a new callback identity, and calls the newest callback', async () => {
    const client = createClient();
    const on = vi.spyOn(client, 'on');
    const subscribe = vi.spyOn(client, 'subscribe');
    const calls: string[] = [];
    const { rerender } = renderHookWithClient(
      ({ label }: { label: string }) =>
        usePaymentSocket(USER_ID, {
          onDepositCompleted: (event) => calls.push(`${label}:${event.amount}`),
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

    await caughtUp(client);
    backend.completeDeposit(backend.createDeposit({ amount: 50_000 }).transactionId);
    await waitFor(() => expect(calls).toEqual(['third:50000']), patience);
  });

  it('with a null userId signs out and calls no handler', async () => {
    const client = createClient();
    const onDepositCompleted = vi.fn();
    const { result, rerender } = renderHookWithClient(
      ({ userId }: { userId: string | null }) => usePaymentSocket(userId, { onDepositCompleted }),
      client,
      { initialProps: { userId: USER_ID as string | null } },
    );
    await caughtUp(client);

    rerender({ userId: null });
    expect(client.getState().userId).toBeNull();
    expect(result.current).toMatchObject({ connected: false, status: 'idle' });

    await waitFor(() => expect(backend.connectionCount()).toBe(0), patience);
    backend.completeDeposit(backend.createDeposit({ amount: 50_000 }).transactionId);
    expect(result.current.status).toBe('idle');
    expect(onDepositCompleted).not.toHaveBeenCalled();
  });

  it("never lets the previous user's events reach the next user's handlers", async () => {
    const bobToken = await logIn('bob');
    // The app's session: a token the backend does not know is the backend's own user's.
    let token = 'alice-session';
    const client = createClient({ auth: { token: () => token } });
    const aliceLate = backend.createDeposit({ amount: 30_000 });
    const received: string[] = [];

    // A payment of alice's lands in the commit that switches to bob, before the effect that
    // tells the client: bob's handlers are already current, the connection is still alice's.
    function Wallet({ userId }: { userId: string }) {
      usePaymentSocket(userId, {
        onDepositCompleted: (event) => received.push(`${userId} got ${event.amount}`),
      });
      useLayoutEffect(() => {
        if (client.getState().userId === USER_ID && userId === 'bob') {
          backend.completeDeposit(aliceLate.transactionId);
        }
      }, [userId]);
      return null;
    }
    function App() {
      const [userId, setUserId] = useState(USER_ID);
      switchUser = setUserId;
      return <Wallet userId={userId} />;
    }
    let switchUser: (userId: string) => void = () => {};

    renderWithClient(<App />, client);
    await caughtUp(client);
    backend.completeDeposit(backend.createDeposit({ amount: 10_000 }).transactionId);
    await waitFor(() => expect(received).toEqual([`${USER_ID} got 10000`]), patience);

    token = bobToken;
    act(() => switchUser('bob'));
    expect(client.getState().userId).toBe('bob');
    await caughtUp(client);
    backend.completeDeposit(backend.createDeposit({ amount: 20_000, userId: 'bob' }).transactionId);
    await flush(backend, client);

    expect(received).toEqual([`${USER_ID} got 10000`, 'bob got 20000']);
  });

  it('lets the last hook to name a user win, and warns in development', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createClient();
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
    const client = createClient();
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
    const client = createClient();
    renderHookWithClient(() => {
      usePaymentSocket('alice');
      usePaymentSocket('bob');
    }, client);
    await act(async () => {});

    expect(client.getState().userId).toBe('bob');
    expect(warn).not.toHaveBeenCalled();
  });

  it('never disconnects or destroys the client itself, nor connects it but by setUser', async () => {
    const client = createClient();
    const setUser = vi.spyOn(client, 'setUser');
    const connect = vi.spyOn(client, 'connect');
    const calls = (['disconnect', 'destroy'] as const).map((name) => vi.spyOn(client, name));
    const { unmount } = renderHookWithClient(() => usePaymentSocket(USER_ID), client);
    await caughtUp(client);
    unmount();

    // The client connects itself once it is given a user.
    expect(connect.mock.calls.length).toBeLessThanOrEqual(setUser.mock.calls.length);
    expect(calls.map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
    expect(client.getState().status).toBe('connected');
  });
});
