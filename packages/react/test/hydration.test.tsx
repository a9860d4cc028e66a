import { act } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentSocketProvider, useDepositListener, usePaymentSocket } from '@paysocket/react';
import { USER_ID, caughtUp, setUpBackendMock } from './support/backendMock';

const { backend, createClient } = setUpBackendMock();
let root: Root | undefined;

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function Wallet({
  transactionId,
  onCompleted,
}: {
  transactionId: string;
  onCompleted: () => void;
}) {
  const { status } = usePaymentSocket(USER_ID);
  useDepositListener(USER_ID, transactionId, onCompleted);
  return <p>{`status ${status}`}</p>;
}

describe('hydration', () => {
  it('hydrates the server HTML without a mismatch, then shows the live state', async () => {
    const client = createClient();
    // The browser's client already knows more than the server did.
    client.setUser(USER_ID);
    client.connect();
    await caughtUp(client);
    const { transactionId } = backend.createDeposit({ amount: 50_000 });
    backend.completeDeposit(transactionId);
    await vi.waitFor(() => expect(client.getTransaction(transactionId)?.status).toBe('completed'));
    const consoleError = vi.spyOn(console, 'error');
    const onCompleted = vi.fn();
    const app = (
      <PaymentSocketProvider client={client}>
        <Wallet transactionId={transactionId} onCompleted={onCompleted} />
      </PaymentSocketProvider>
    );

    const container = document.createElement('div');
    container.innerHTML = renderToString(app);
    document.body.append(container);
    expect(container.textContent).toBe('status idle');

    act(() => {
      root = hydrateRoot(container, app, { onRecoverableError: (error) => consoleError(error) });
    });

    expect(consoleError).not.toHaveBeenCalled();
    expect(container.textContent).toBe('status connected');
    expect(onCompleted).toHaveBeenCalledTimes(1);
  });
});
