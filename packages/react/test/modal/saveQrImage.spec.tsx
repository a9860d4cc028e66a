import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { DepositQRView } from '../../src/modal/DepositQRView';
import { resolveMessages } from '../../src/modal/messages';

const deposit: TransactionSnapshot = {
  transactionId: 'MOMO42',
  type: 'deposit',
  status: 'pending',
  amount: 100_000,
  message: 'pending',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  expiresAt: '2026-11-26T10:15:00.000Z',
  paymentUrl: 'http://127.0.0.1:4000/mock-momo/pay/MOMO42',
};

afterEach(() => {
  vi.restoreAllMocks();
});

test('"Save QR image" downloads a real 512×512 PNG of the QR code', async () => {
  const blobs: Blob[] = [];
  const createObjectURL = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
    if (object instanceof Blob) blobs.push(object);
    return createObjectURL(object);
  });
  const downloads: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push(this.download);
  });

  render(
    <DepositQRView
      open
      onOpenChange={() => {}}
      phase="waiting"
      connection="live"
      deposit={deposit}
      remainingMs={600_000}
      messages={resolveMessages('en')}
    />,
  );
  await userEvent.click(screen.getByRole('button', { name: 'Save QR image' }));
  await vi.waitFor(() => expect(downloads).toEqual(['momo-qr-MOMO42.png']));

  const png = blobs.find((blob) => blob.type === 'image/png');
  expect(png).toBeDefined();
  const bytes = new Uint8Array(await png!.arrayBuffer());
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const header = new DataView(bytes.buffer, 8);
  expect(String.fromCharCode(...bytes.slice(12, 16))).toBe('IHDR');
  expect([header.getUint32(8), header.getUint32(12)]).toEqual([512, 512]);

  // The picture is the QR: a white quiet zone, then the top-left finder pattern
  // (dark ring, white ring, dark 3×3 centre), at the scale of the rendered SVG's modules.
  const viewBox = screen
    .getByRole('img', { name: /QR code to pay 100\.000/ })
    .getAttribute('viewBox');
  const modules = Number(viewBox?.split(' ')[2]);
  const px = 512 / modules;
  const bitmap = await createImageBitmap(png!);
  const context = new OffscreenCanvas(512, 512).getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const shade = (moduleX: number, moduleY: number) => {
    const [r, g, b] = context.getImageData((moduleX + 0.5) * px, (moduleY + 0.5) * px, 1, 1).data;
    return r! + g! + b! > 3 * 128 ? 'light' : 'dark';
  };
  const QUIET = 2;
  expect(shade(0, 0)).toBe('light');
  expect(shade(QUIET, QUIET)).toBe('dark');
  expect(shade(QUIET + 1, QUIET + 1)).toBe('light');
  expect(shade(QUIET + 3, QUIET + 3)).toBe('dark');
  expect(shade(QUIET + 6, QUIET)).toBe('dark');
  expect(shade(QUIET + 7, QUIET)).toBe('light');
});
