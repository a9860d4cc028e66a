import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { DepositPhase } from '../../src/modal/DepositPhase';
import { DepositQRView } from '../../src/modal/DepositQRView';
import { resolveMessages, type DepositQRLocale } from '../../src/modal/messages';
import { pendingDeposit } from './depositFixture';

vi.setConfig({ testTimeout: 20_000 });
afterEach(cleanup);

interface Case {
  phase: DepositPhase;
  reason?: string;
  locale: DepositQRLocale;
  title: string;
  body: string;
  /** The primary action's label, and whether it asks the app for a new QR. */
  action: string;
  retries: boolean;
}

const CASES: Case[] = [
  {
    phase: 'success',
    locale: 'vi',
    title: 'Nạp tiền thành công',
    body: 'Đã cộng 100.000\u00a0₫ vào ví. Số dư mới: 1.250.000\u00a0₫.',
    action: 'Xong',
    retries: false,
  },
  {
    phase: 'success',
    locale: 'en',
    title: 'Top-up successful',
    body: '100.000\u00a0₫ was added to your wallet. New balance: 1.250.000\u00a0₫.',
    action: 'Done',
    retries: false,
  },
  {
    phase: 'declined',
    reason: 'declined',
    locale: 'vi',
    title: 'Bạn đã từ chối thanh toán',
    body: 'Giao dịch đã bị từ chối trong ứng dụng MoMo. Ví của bạn không bị trừ tiền.',
    action: 'Tạo mã QR mới',
    retries: true,
  },
  {
    phase: 'cancelled',
    reason: 'user_cancelled',
    locale: 'en',
    title: 'Payment cancelled',
    body: 'This payment was cancelled. If you already paid, it will still be credited.',
    action: 'Get a new QR code',
    retries: true,
  },
  {
    phase: 'expired',
    reason: 'expired',
    locale: 'vi',
    title: 'Mã QR đã hết hạn',
    body: 'Mã QR này không còn dùng được. Hãy tạo mã mới để nạp tiền. Nếu bạn đã thanh toán, tiền vẫn được cộng vào ví.',
    action: 'Tạo mã QR mới',
    retries: true,
  },
  {
    phase: 'failed',
    reason: 'insufficient_funds',
    locale: 'vi',
    title: 'Thanh toán không thành công',
    body: 'Tài khoản MoMo không đủ số dư.',
    action: 'Thử lại',
    retries: true,
  },
  {
    phase: 'failed',
    reason: 'momo_9999',
    locale: 'en',
    title: 'Payment failed',
    body: 'MoMo refused the payment (error 9999).',
    action: 'Try again',
    retries: true,
  },
];

describe('each result has its own wording and action', () => {
  for (const c of CASES) {
    test(`${c.phase} ${c.reason ?? ''} (${c.locale})`, async () => {
      const onRetry = vi.fn();
      const onOpenChange = vi.fn();
      render(
        <DepositQRView
          open
          onOpenChange={onOpenChange}
          phase={c.phase}
          connection="live"
          deposit={pendingDeposit()}
          remainingMs={null}
          completion={{ amount: 100_000, newBalance: 1_250_000 }}
          reason={c.reason}
          messages={resolveMessages(c.locale)}
          onRetry={onRetry}
          onCancel={() => {}}
        />,
      );
      const dialog = screen.getByRole('dialog', { name: c.title });
      expect(dialog).toHaveAttribute('data-state', c.phase);
      expect(dialog).toHaveAccessibleDescription(c.body);
      // The result is announced assertively, once, as title and body.
      expect(document.querySelector('[aria-live="assertive"]')).toHaveTextContent(
        `${c.title}. ${c.body}`.replace(/\u00a0/g, ' '),
      );
      // No QR, no countdown and no cancel once there is a result.
      expect(screen.queryByRole('img')).toBeNull();
      expect(screen.queryByRole('timer')).toBeNull();
      expect(screen.queryByRole('button', { name: /Huỷ giao dịch|Cancel payment/ })).toBeNull();

      const action = screen.getByRole('button', { name: c.action });
      expect(action).toHaveFocus();
      await userEvent.click(action);
      expect(onRetry).toHaveBeenCalledTimes(c.retries ? 1 : 0);
      expect(onOpenChange).toHaveBeenCalledTimes(c.retries ? 0 : 1);
    });
  }

  test('without onRetry a result offers only to close', () => {
    render(
      <DepositQRView
        open
        onOpenChange={() => {}}
        phase="expired"
        connection="live"
        deposit={pendingDeposit()}
        remainingMs={0}
        messages={resolveMessages('en', { close: 'Back to wallet' })}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Get a new QR code' })).toBeNull();
    const buttons = screen.getAllByRole('button', { name: 'Back to wallet' });
    expect(buttons.at(-1)).toHaveFocus();
  });
});
