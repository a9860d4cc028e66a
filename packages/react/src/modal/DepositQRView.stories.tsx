import type { Meta, StoryObj } from '@storybook/react-vite';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { expect, within } from 'storybook/test';
import type { ConnectionIndicator, DepositPhase } from './DepositPhase';
import { DepositQRView, type DepositQRTheme } from './DepositQRView';
import { resolveMessages, type DepositQRLocale, type DepositQRMessages } from './messages';

const deposit: TransactionSnapshot = {
  transactionId: 'MOMO1764151200000',
  type: 'deposit',
  status: 'pending',
  amount: 100_000,
  message: 'Đang chờ thanh toán',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  serverTime: '2026-11-26T10:00:00.000Z',
  expiresAt: '2026-11-26T10:15:00.000Z',
  paymentUrl: 'http://127.0.0.1:4000/mock-momo/pay/MOMO1764151200000',
  deeplink: 'momo://app?action=payWithApp&orderId=MOMO1764151200000',
};

interface StateArgs {
  phase: DepositPhase;
  connection: ConnectionIndicator;
  locale: DepositQRLocale;
  theme: DepositQRTheme;
  remainingMs: number | null;
  reason?: string;
  completion?: { amount: number; newBalance: number | null };
}

/** One state of the deposit dialog, with the callbacks a real app would pass. */
function DepositQRState({ locale, ...args }: StateArgs) {
  return (
    <DepositQRView
      {...args}
      open
      deposit={deposit}
      messages={resolveMessages(locale)}
      onOpenChange={() => {}}
      onRetry={() => {}}
      onCancel={() => {}}
    />
  );
}

const TITLES: Record<DepositPhase, keyof DepositQRMessages> = {
  connecting: 'title',
  waiting: 'title',
  checking: 'title',
  success: 'successTitle',
  declined: 'declinedTitle',
  cancelled: 'cancelledTitle',
  expired: 'expiredTitle',
  failed: 'failedTitle',
};

const meta = {
  title: 'DepositQRModal/States',
  component: DepositQRState,
  args: { connection: 'live', remainingMs: 8 * 60_000 + 42_000 },
  argTypes: {
    locale: { control: 'inline-radio', options: ['vi', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'system'] },
  },
  parameters: { layout: 'fullscreen' },
  play: async ({ args }) => {
    const dialog = await within(document.body).findByRole('dialog');
    await expect(dialog).toHaveAttribute('data-state', args.phase);
    await expect(dialog).toHaveAttribute('data-theme', args.theme);
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog).toHaveAccessibleName(
      resolveMessages(args.locale)[TITLES[args.phase]] as string,
    );
  },
} satisfies Meta<typeof DepositQRState>;

export default meta;
type Story = StoryObj<typeof meta>;

type StateBase = Pick<StateArgs, 'phase'> & Partial<StateArgs>;
const state = (base: StateBase, locale: DepositQRLocale, theme: DepositQRTheme): Story => ({
  args: { connection: 'live', remainingMs: 8 * 60_000 + 42_000, ...base, locale, theme },
});

const connecting: StateBase = {
  phase: 'connecting',
  connection: 'connecting',
  remainingMs: 14 * 60_000 + 58_000,
};
const waiting: StateBase = { phase: 'waiting' };
const reconnecting: StateBase = {
  phase: 'waiting',
  connection: 'reconnecting',
  remainingMs: 4 * 60_000 + 5_000,
};
const checking: StateBase = { phase: 'checking', remainingMs: 0 };
const success: StateBase = {
  phase: 'success',
  completion: { amount: 100_000, newBalance: 1_250_000 },
};
const declined: StateBase = { phase: 'declined', reason: 'declined' };
const cancelled: StateBase = { phase: 'cancelled', reason: 'user_cancelled' };
const expired: StateBase = { phase: 'expired', reason: 'expired', remainingMs: 0 };
const failed: StateBase = { phase: 'failed', reason: 'insufficient_funds' };

export const ConnectingViLight = state(connecting, 'vi', 'light');
export const ConnectingViDark = state(connecting, 'vi', 'dark');
export const ConnectingEnLight = state(connecting, 'en', 'light');
export const ConnectingEnDark = state(connecting, 'en', 'dark');
export const WaitingViLight = state(waiting, 'vi', 'light');
export const WaitingViDark = state(waiting, 'vi', 'dark');
export const WaitingEnLight = state(waiting, 'en', 'light');
export const WaitingEnDark = state(waiting, 'en', 'dark');
export const ReconnectingViLight = state(reconnecting, 'vi', 'light');
export const ReconnectingViDark = state(reconnecting, 'vi', 'dark');
export const ReconnectingEnLight = state(reconnecting, 'en', 'light');
export const ReconnectingEnDark = state(reconnecting, 'en', 'dark');
export const CheckingViLight = state(checking, 'vi', 'light');
export const CheckingViDark = state(checking, 'vi', 'dark');
export const CheckingEnLight = state(checking, 'en', 'light');
export const CheckingEnDark = state(checking, 'en', 'dark');
export const SuccessViLight = state(success, 'vi', 'light');
export const SuccessViDark = state(success, 'vi', 'dark');
export const SuccessEnLight = state(success, 'en', 'light');
export const SuccessEnDark = state(success, 'en', 'dark');
export const DeclinedViLight = state(declined, 'vi', 'light');
export const DeclinedViDark = state(declined, 'vi', 'dark');
export const DeclinedEnLight = state(declined, 'en', 'light');
export const DeclinedEnDark = state(declined, 'en', 'dark');
export const CancelledViLight = state(cancelled, 'vi', 'light');
export const CancelledViDark = state(cancelled, 'vi', 'dark');
export const CancelledEnLight = state(cancelled, 'en', 'light');
export const CancelledEnDark = state(cancelled, 'en', 'dark');
export const ExpiredViLight = state(expired, 'vi', 'light');
export const ExpiredViDark = state(expired, 'vi', 'dark');
export const ExpiredEnLight = state(expired, 'en', 'light');
export const ExpiredEnDark = state(expired, 'en', 'dark');
export const FailedViLight = state(failed, 'vi', 'light');
export const FailedViDark = state(failed, 'vi', 'dark');
export const FailedEnLight = state(failed, 'en', 'light');
export const FailedEnDark = state(failed, 'en', 'dark');
