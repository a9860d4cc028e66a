import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { DepositQRView } from '../../src/modal/DepositQRView';
import { resolveMessages } from '../../src/modal/messages';
import { pendingDeposit } from './depositFixture';

afterEach(cleanup);

function renderWaiting() {
  render(
    <DepositQRView
      open
      onOpenChange={() => {}}
      phase="waiting"
      connection="live"
      deposit={pendingDeposit()}
      remainingMs={600_000}
      theme="light"
      messages={resolveMessages('en')}
    />,
  );
}

test('on a phone "Open MoMo" is the first, primary action', async () => {
  await page.viewport(375, 800);
  renderWaiting();
  const openMomo = screen.getByRole('link', { name: 'Open MoMo' });
  const copy = screen.getByRole('button', { name: 'Copy payment link' });
  expect(openMomo).toHaveProperty('href', 'momo://app?action=payWithApp&orderId=MOMO1001');
  expect(openMomo.getBoundingClientRect().height).toBeGreaterThan(0);
  expect(openMomo.getBoundingClientRect().bottom).toBeLessThanOrEqual(
    copy.getBoundingClientRect().top,
  );
  expect(getComputedStyle(openMomo).backgroundColor).toBe('rgb(165, 0, 100)');
});

test('on a desktop there is no "Open MoMo": the QR is scanned with the phone', async () => {
  await page.viewport(1024, 768);
  renderWaiting();
  expect(screen.queryByRole('link', { name: 'Open MoMo' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Save QR image' })).toBeTruthy();
});
