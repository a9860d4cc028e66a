import { act } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentSocketProvider, useDepositListener, usePaymentSocket } from '@paysocket/react';
import { FakePaymentSocketClient } from './support/FakePaymentSocketClient';
import { depositCompleted } from './support/paymentEvents';

let root: Root | undefined;

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function Wallet({ onCompleted }: { onCompleted: () => void }) {
  const { status } = usePaymentSocket('alice');
  useDepositListener('alice', 'tx-1', onCompleted);
  return <p>{`status ${status}`}</p>;
}

describe('hydration', () => {
  it('hydrates the server HTML without a mismatch, then shows the live state', () => {
    const consoleError = vi.spyOn(console, 'error');
    const client = new FakePaymentSocketClient();
    // The browser's client already knows more than the server did.
    client.setUser('alice');
    client.acceptConnection();
    client.deliver(depositCompleted('tx-1'));
    const onCompleted = vi.fn();
    const app = (
      <PaymentSocketProvider client={client}>
        <Wallet onCompleted={onCompleted} />
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
