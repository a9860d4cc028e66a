import type { Meta, StoryObj } from '@storybook/react-vite';
import type { HttpHandler } from 'msw';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PaymentSocketClient } from '@paysocket/client';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { LedgerError, createPaymentBackendMock } from '@paysocket/testing';
import { DepositQRModal } from './DepositQRModal';
import { formatVnd } from './modal/formatVnd';
import type { DepositQRLocale } from './modal/messages';
import type { DepositQRTheme } from './modal/DepositQRView';
import { PaymentSocketProvider } from './PaymentSocketProvider';

/** What the "Simulate MoMo payment" control makes the backend do. */
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
const DEMO_URL = 'http://paysocket.demo';
const DEMO_USER = 'demo-user';

/**
 * Where the backend's msw handlers run. Storybook uses msw's service worker (served by
 * `staticDirs`); a test that renders the story outside a browser passes its own host in the
 * `mswHost` parameter (msw/node's `setupServer`).
 */
export interface MswHost {
  use(handlers: readonly HttpHandler[]): Promise<void> | void;
}

let browserWorker: Promise<MswHost> | undefined;

function serviceWorkerHost(): Promise<MswHost> {
  browserWorker ??= import('msw/browser').then(async ({ setupWorker }) => {
    const worker = setupWorker();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    return { use: (handlers) => worker.resetHandlers(...handlers) };
  });
  return browserWorker;
}

/**
 * A paysocket backend played by `@paysocket/testing` for the real client: the control makes it
 * do what the server would once MoMo calls it back about the deposit on screen, or drops the
 * connection.
 */
class DemoBackend {
  readonly mock = createPaymentBackendMock({
    url: DEMO_URL,
    userId: DEMO_USER,
    balance: 1_000_000,
  });
  readonly client = new PaymentSocketClient({ url: DEMO_URL, autoConnect: false, logger: false });
  deposit: TransactionSnapshot | null = null;

  newDeposit(): TransactionSnapshot {
    return this.mock.createDeposit({ amount: AMOUNT });
  }

  simulate(what: Simulation): void {
    const { mock, deposit } = this;
    if (!deposit) return;
    const id = deposit.transactionId;
    this.#asTheServerWould(() => {
      switch (what) {
        case 'nothing yet':
          return;
        case 'pay in MoMo':
          return mock.completeDeposit(id);
        case 'decline in MoMo':
          return mock.cancelDeposit(id, 'declined');
        case 'insufficient funds':
          return mock.failDeposit(id, 'insufficient_funds');
        case 'expire the QR':
          return mock.expireDeposit(id);
        case 'drop the connection':
          return mock.dropConnection();
      }
    });
  }

  /** The user confirmed "Cancel payment"; the app's cancel call succeeds. */
  cancel(): void {
    const id = this.deposit?.transactionId;
    if (id) this.#asTheServerWould(() => this.mock.cancelDeposit(id, 'user_cancelled'));
  }

  /** A pick the reference server would refuse (failing a paid deposit) changes nothing. */
  #asTheServerWould(change: () => unknown): void {
    try {
      change();
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
}

/** The story's last backend: its client is destroyed when the story is shown again. */
let shown: DemoBackend | undefined;

interface WalletDemoProps {
  backend: DemoBackend;
  locale: DepositQRLocale;
  theme: DepositQRTheme;
  simulateMomo: Simulation;
}

/** The seed's wallet page in miniature: a balance, a top-up button and the modal. */
function WalletDemo({ backend, locale, theme, simulateMomo }: WalletDemoProps) {
  const { client } = backend;
  const [deposit, setDeposit] = useState(() => backend.newDeposit());
  const [open, setOpen] = useState(false);
  const [balance, setBalance] = useState(() => backend.mock.getBalance());
  useEffect(() => {
    backend.deposit = deposit;
  }, [backend, deposit]);
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
          userId={DEMO_USER}
          open={open}
          locale={locale}
          theme={theme}
          onClose={() => setOpen(false)}
          onCompleted={(event) => setBalance(event.newBalance)}
          onRetry={() => setDeposit(backend.newDeposit())}
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
 * A whole flow with the real client and no server (msw plays the backend): open the modal, then pick an outcome in the
 * "Simulate MoMo payment" control and watch the dialog follow it.
 */
export const SimulateMomoPayment: StoryObj<PlaygroundArgs> = {
  name: 'Simulate MoMo payment',
  args: { locale: 'vi', theme: 'system', simulateMomo: 'nothing yet' },
  argTypes: {
    simulateMomo: { name: 'Simulate MoMo payment', control: 'select', options: SIMULATIONS },
  },
  loaders: [
    async ({ parameters }) => {
      shown?.client.destroy();
      const backend = new DemoBackend();
      shown = backend;
      const host = (parameters['mswHost'] as MswHost | undefined) ?? (await serviceWorkerHost());
      await host.use(backend.mock.handlers);
      return { backend };
    },
  ],
  render: (args, { loaded }) => <WalletDemo backend={loaded.backend as DemoBackend} {...args} />,
  play: async ({ canvasElement, loaded }) => {
    const backend = loaded.backend as DemoBackend;
    const page = within(canvasElement);
    await userEvent.click(page.getByRole('button', { name: `Nạp ${formatVnd(AMOUNT)}` }));
    const dialog = await within(document.body).findByRole('dialog', {
      name: 'Quét mã để nạp tiền',
    });
    await waitFor(() => expect(dialog).toHaveAttribute('data-connection', 'live'));
    await expect(backend.client.getState().userId).toBe(DEMO_USER);

    backend.simulate('pay in MoMo');
    await waitFor(() => expect(dialog).toHaveAttribute('data-state', 'success'));
    await expect(dialog).toHaveAccessibleName('Nạp tiền thành công');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Xong' }));
    await expect(page.getByText(/^1\.100\.000\s₫$/)).toBeVisible();
  },
};
