import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { build as buildPackage } from 'tsup';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import packageBuild from '../../tsup.config';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const source = (name: string) =>
  fileURLToPath(new URL(`../../../${name}/src/index.ts`, import.meta.url));

const HOOKS = 'PaymentSocketProvider, usePaymentSocket, useDepositListener, useTransactionStatus';
/** Text only the modal's code has: its class names, Radix's dialog, the QR encoder. */
const MODAL_MARKERS = ['ps-qr', 'DialogContent', 'qrcode'];
/** Modules only the modal uses. */
const MODAL_MODULES = /[/\\]modal[/\\]|DepositQRModal|qrcode\.react|@radix-ui|react-remove-scroll/;

interface Bundle {
  text: string;
  /** The modules with code in the bundle. */
  modules: string[];
}

/** Bundles `code` for a browser the way an app's bundler would, `@paysocket/react` from `reactEntry`. */
async function bundle(code: string, reactEntry: string): Promise<Bundle> {
  const result = await build({
    stdin: { contents: code, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    tsconfigRaw: {},
    external: ['react', 'react-dom', 'react/jsx-runtime', 'socket.io-client'],
    alias: {
      '@paysocket/react': reactEntry,
      '@paysocket/client': source('client'),
      '@paysocket/protocol': source('protocol'),
    },
  });
  const [output] = Object.values(result.metafile.outputs);
  const modules = Object.entries(output!.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([path]) => path);
  return { text: result.outputFiles[0]!.text, modules };
}

async function expectModalOnlyWhenImported(reactEntry: string) {
  const hooksOnly = await bundle(`export { ${HOOKS} } from '@paysocket/react';`, reactEntry);
  const withModal = await bundle("export { DepositQRModal } from '@paysocket/react';", reactEntry);
  for (const marker of MODAL_MARKERS) {
    expect(hooksOnly.text).not.toContain(marker);
    expect(withModal.text.toLowerCase()).toContain(marker.toLowerCase());
  }
  expect(hooksOnly.modules.filter((path) => MODAL_MODULES.test(path))).toEqual([]);
  expect(withModal.modules.some((path) => path.includes('qrcode.react'))).toBe(true);
  expect(withModal.text.length).toBeGreaterThan(hooksOnly.text.length);
}

describe('the modal is only in bundles that import it', () => {
  test('hooks-only code carries no dialog, QR or stylesheet', async () => {
    await expectModalOnlyWhenImported(source('react'));
  });

  describe('as published', () => {
    let outDir: string;
    beforeAll(async () => {
      // The package's own build (ESM, no declarations), so a change to it that merges the
      // modal into the hooks' modules fails here and not only in the size check.
      // Inside the package, so the built files resolve its dependencies as an app would.
      const scratch = join(packageDir, 'node_modules', '.cache');
      await mkdir(scratch, { recursive: true });
      outDir = await mkdtemp(join(scratch, 'built-'));
      const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
        peerDependencies: Record<string, string>;
      };
      const entry = (packageBuild as { entry: string[] }).entry.map((pattern) =>
        pattern.startsWith('!')
          ? `!${join(packageDir, pattern.slice(1))}`
          : join(packageDir, pattern),
      );
      await buildPackage({
        ...packageBuild,
        entry,
        format: ['esm'],
        dts: false,
        sourcemap: false,
        outDir,
        // tsup reads these from the package.json where it runs: here, the repository's.
        external: [
          ...Object.keys(manifest.dependencies),
          ...Object.keys(manifest.peerDependencies),
          /^react\//,
        ],
        silent: true,
        config: false,
      });
    }, 60_000);
    afterAll(async () => {
      await rm(outDir, { recursive: true, force: true });
    });

    test('hooks-only code from the built files carries none of the modal', async () => {
      await expectModalOnlyWhenImported(join(outDir, 'index.js'));
    });
  });
});
