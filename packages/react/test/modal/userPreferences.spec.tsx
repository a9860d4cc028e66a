import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { DepositQRView, type DepositQRTheme } from '../../src/modal/DepositQRView';
import { resolveMessages } from '../../src/modal/messages';
import { pendingDeposit } from './depositFixture';

// The Chromium project runs with `colorScheme: 'dark'` and `reducedMotion: 'reduce'`.
afterEach(cleanup);

function renderWaiting(theme: DepositQRTheme) {
  render(
    <DepositQRView
      open
      onOpenChange={() => {}}
      phase="waiting"
      connection="live"
      deposit={pendingDeposit()}
      remainingMs={600_000}
      theme={theme}
      messages={resolveMessages('vi')}
    />,
  );
  return screen.getByRole('dialog');
}

test('theme="system" follows prefers-color-scheme: dark', () => {
  expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true);
  expect(getComputedStyle(renderWaiting('system')).backgroundColor).toBe('rgb(28, 28, 33)');
});

test('an explicit theme wins over the system preference', () => {
  expect(getComputedStyle(renderWaiting('light')).backgroundColor).toBe('rgb(255, 255, 255)');
});

test('prefers-reduced-motion stops the pulse, the pop-in and the time bar transition', () => {
  expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
  const dialog = renderWaiting('light');
  const dot = dialog.querySelector('.ps-qr__dot')!;
  const bar = dialog.querySelector('.ps-qr__bar')!;
  expect(getComputedStyle(dialog).animationName).toBe('none');
  expect(getComputedStyle(dot).animationName).toBe('none');
  expect(getComputedStyle(bar).transitionDuration).toBe('0s');
});
