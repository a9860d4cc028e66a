import type { Meta, StoryObj } from '@storybook/react-vite';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { FakePaymentSocketClient } from '../test/support/FakePaymentSocketClient';
import { depositCompleted, paymentStatusUpdate } from '../test/support/paymentEvents';
import { DepositQRModal } from './DepositQRModal';
import { formatVnd } from './modal/formatVnd';
import type { DepositQRLocale } from './modal/messages';
import type { DepositQRTheme } from './modal/DepositQRView';
import { PaymentSocketProvider } from './PaymentSocketProvider';

/** What the "Simulate MoMo payment" control makes the fake backend do. */
const SIMULATIONS = [
  'nothing yet',
  'pay in MoMo',
  'decline in MoMo',
  'insufficient funds',
  'drop the connection',
  'expire the QR',
] as const;
type Simulation = (typeof SIMULATIONS)[number];

const AMOUNT = 100_000;
let depositCount = 0;

/** A fresh pending deposit, as `POST /api/v1/payment/deposit` answers. */
function newDeposit(): TransactionSnapshot {
  depositCount += 1;
  const now = Date.now();
  const transactionId = `DEMO${now}${depositCount}`;
  return {
    transactionId,
    type: 'deposit',
    status: 'pending',
    amount: AMOUNT,
    message: 'Đang chờ thanh toán',
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    serverTime: new Date(now).toISOString(),
    expiresAt: new Date(now + 15 * 60_000).toISOString(),
    paymentUrl: `http://127.0.0.1:4000/mock-momo/pay/${transactionId}`,
    deeplink: `momo://app?action=payWithApp&orderId=${transactionId}`,
  };
}

/**
 * Plays the backend's part on the fake client: what the server would push once MoMo calls
 * it back about the deposit on screen, or what the connection does.
 */
class DemoBackend {
  readonly client = new FakePaymentSocketClient();
  deposit: TransactionSnapshot | null = null;
  balance = 1_000_000;

  simulate(what: Simulation): void {
    const { client, deposit } = this;
    if (!deposit) return;
    const id = deposit.transactionId;
    const amount = deposit.amount;
    switch (what) {
      case 'nothing yet':
        return;
      case 'pay in MoMo':
        client.deliver(depositCompleted(id, { amount, newBalance: this.balance + amount }));
        return;
      case 'decline in MoMo':
        client.deliver(paymentStatusUpdate(id, 'cancelled', { amount, reason: 'declined' }));
        return;
      case 'insufficient funds':
        client.deliver(paymentStatusUpdate(id, 'failed', { amount, reason: 'insufficient_funds' }));
        return;
      case 'expire the QR':
        client.deliver(paymentStatusUpdate(id, 'failed', { amount, reason: 'expired' }));
        return;
      case 'drop the connection':
        client.setState({ status: 'reconnecting', caughtUp: false });
        setTimeout(() => client.acceptConnection(), 3000);
        return;
    }
  }

  /** Connects a moment after the client is asked to, as a socket would; returns a stop. */
  connectLikeASocket(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      if (timer !== undefined || this.client.getState().status !== 'connecting') return;
      timer = setTimeout(() => {
        timer = undefined;
        this.client.acceptConnection();
        this.client.setState({ epoch: 'demo', serverTimeOffsetMs: 0 });
      }, 400);
    };
    check();
    const unsubscribe = this.client.subscribe(check);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }

  /** The user confirmed "Cancel payment"; the app's cancel call succeeds. */
  cancel(): void {
    if (!this.deposit) return;
    const { transactionId, amount } = this.deposit;
    this.client.deliver(
      paymentStatusUpdate(transactionId, 'cancelled', { amount, reason: 'user_cancelled' }),
    );
  }
}

interface WalletDemoProps {
  backend: DemoBackend;
  locale: DepositQRLocale;
  theme: DepositQRTheme;
  simulateMomo: Simulation;
}

/** The seed's wallet page in miniature: a balance, a top-up button and the modal. */
function WalletDemo({ backend, locale, theme, simulateMomo }: WalletDemoProps) {
  const { client } = backend;
  const [deposit, setDeposit] = useState(newDeposit);
  const [open, setOpen] = useState(false);
  const [balance, setBalance] = useState(backend.balance);
  useEffect(() => {
    backend.deposit = deposit;
    backend.balance = balance;
  }, [backend, deposit, balance]);

  useEffect(() => backend.connectLikeASocket(), [backend]);
  useEffect(() => backend.simulate(simulateMomo), [backend, simulateMomo]);

  const vi = locale === 'vi';
  return (
    <PaymentSocketProvider client={client}>
      <main>
        <p>
          {vi ? 'Số dư' : 'Balance'}: <strong>{formatVnd(balance)}</strong>
        </p>
        <button type="button" onClick={() => setOpen(true)}>
          {vi ? `Nạp ${formatVnd(AMOUNT)}` : `Top up ${formatVnd(AMOUNT)}`}
        </button>
        <DepositQRModal
          deposit={deposit}
          userId="demo-user"
          open={open}
          locale={locale}
          theme={theme}
          onClose={() => setOpen(false)}
          onCompleted={(event) => setBalance(event.newBalance)}
          onRetry={() => setDeposit(newDeposit())}
          onCancel={() => backend.cancel()}
        />
      </main>
    </PaymentSocketProvider>
  );
}

const meta = {
  title: 'DepositQRModal',
  component: DepositQRModal,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'The dialog users pay a MoMo deposit in. Open it with a deposit snapshot; it follows the deposit through the paysocket hooks (so it needs a `PaymentSocketProvider` or a `client` prop). Closing it does not cancel: keep it mounted and `onCompleted` still fires.',
      },
    },
  },
  argTypes: {
    locale: { control: 'inline-radio', options: ['vi', 'en'] },
    theme: { control: 'inline-radio', options: ['system', 'light', 'dark'] },
  },
} satisfies Meta<typeof DepositQRModal>;

export default meta;

type PlaygroundArgs = Pick<WalletDemoProps, 'locale' | 'theme' | 'simulateMomo'>;

/**
 * A whole flow with no server: open the modal, then pick an outcome in the
 * "Simulate MoMo payment" control and watch the dialog follow it.
 */
export const SimulateMomoPayment: StoryObj<PlaygroundArgs> = {
  name: 'Simulate MoMo payment',
  args: { locale: 'vi', theme: 'system', simulateMomo: 'nothing yet' },
  argTypes: {
    simulateMomo: { name: 'Simulate MoMo payment', control: 'select', options: SIMULATIONS },
  },
  loaders: [() => ({ backend: new DemoBackend() })],
  render: (args, { loaded }) => <WalletDemo backend={loaded.backend as DemoBackend} {...args} />,
  play: async ({ canvasElement, loaded }) => {
    const backend = loaded.backend as DemoBackend;
    const page = within(canvasElement);
    await userEvent.click(page.getByRole('button', { name: `Nạp ${formatVnd(AMOUNT)}` }));
    const dialog = await within(document.body).findByRole('dialog', {
      name: 'Quét mã để nạp tiền',
    });
    await waitFor(() => expect(dialog).toHaveAttribute('data-connection', 'live'));
    await expect(backend.client.getState().userId).toBe('demo-user');

    backend.simulate('pay in MoMo');
    await waitFor(() => expect(dialog).toHaveAttribute('data-state', 'success'));
    await expect(dialog).toHaveAccessibleName('Nạp tiền thành công');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Xong' }));
    await expect(page.getByText(/^1\.100\.000\s₫$/)).toBeVisible();
  },
};
