import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { DepositQRView } from '../../src/modal/DepositQRView';
import { resolveMessages } from '../../src/modal/messages';
import type * as saveQrPng from '../../src/modal/saveQrPng';
import { qrSvgToPng } from '../../src/modal/saveQrPng';
import { pendingDeposit } from './depositFixture';

// jsdom has no canvas to draw a PNG with: the drawing is checked in Chromium (saveQrImage.spec).
// Here, on React 18 and 19, the button must hand the rendered <svg> to it and download the result.
vi.mock('../../src/modal/saveQrPng', async (importOriginal) => ({
  ...(await importOriginal<typeof saveQrPng>()),
  qrSvgToPng: vi.fn(),
}));

vi.setConfig({ testTimeout: 20_000 });

const downloads: { name: string; href: string }[] = [];

beforeEach(() => {
  downloads.length = 0;
  // jsdom implements neither object URLs nor navigation on a download link's click.
  URL.createObjectURL = vi.fn(() => 'blob:qr-png');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ name: this.download, href: this.href });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.mocked(qrSvgToPng).mockReset();
});

function renderPendingDeposit() {
  render(
    <DepositQRView
      open
      onOpenChange={() => {}}
      phase="waiting"
      connection="live"
      deposit={pendingDeposit()}
      remainingMs={600_000}
      messages={resolveMessages('vi')}
    />,
  );
}

test('"Lưu ảnh QR" turns the QR on screen into a 512 px PNG and downloads it', async () => {
  const png = new Blob(['png'], { type: 'image/png' });
  vi.mocked(qrSvgToPng).mockResolvedValue(png);
  renderPendingDeposit();

  await userEvent.click(screen.getByRole('button', { name: 'Lưu ảnh QR' }));

  await waitFor(() =>
    expect(downloads).toEqual([{ name: 'momo-qr-MOMO1001.png', href: 'blob:qr-png' }]),
  );
  const qr = screen.getByRole('img', { name: /Mã QR thanh toán 100\.000/ });
  expect(qr.tagName.toLowerCase()).toBe('svg');
  expect(qrSvgToPng).toHaveBeenCalledExactlyOnceWith(qr, 512);
  expect(URL.createObjectURL).toHaveBeenCalledWith(png);
});

test('a QR that cannot be drawn says so instead of doing nothing', async () => {
  vi.mocked(qrSvgToPng).mockRejectedValue(new Error('Canvas 2D is not available'));
  renderPendingDeposit();

  await userEvent.click(screen.getByRole('button', { name: 'Lưu ảnh QR' }));

  expect(await screen.findByText('Không lưu được ảnh QR')).toBeInTheDocument();
  expect(downloads).toEqual([]);
});
