import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

const source = (name: string) =>
  fileURLToPath(new URL(`../../../${name}/src/index.ts`, import.meta.url));

/** Bundles `code` for a browser the way an app's bundler would, from the packages' sources. */
async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: code,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/jsx-runtime', 'socket.io-client'],
    alias: {
      '@paysocket/react': source('react'),
      '@paysocket/client': source('client'),
      '@paysocket/protocol': source('protocol'),
    },
  });
  return result.outputFiles[0]!.text;
}

describe('the modal is only in bundles that import it', () => {
  test('hooks-only code carries no dialog, QR or stylesheet', async () => {
    const hooksOnly = await bundle(
      "export { PaymentSocketProvider, useDepositListener, useTransactionStatus } from '@paysocket/react';",
    );
    const withModal = await bundle("export { DepositQRModal } from '@paysocket/react';");
    for (const marker of ['ps-qr', 'DialogContent', 'qrcode']) {
      expect(hooksOnly).not.toContain(marker);
      expect(withModal.toLowerCase()).toContain(marker.toLowerCase());
    }
    expect(withModal.length).toBeGreaterThan(hooksOnly.length);
  });
});
