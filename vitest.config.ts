import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './scripts/chromiumLaunch';

const pkg = (name: string) =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

/** Tests import sibling packages from source, so `pnpm test` never needs a build. */
export const sourceAliases = {
  '@paysocket/protocol': pkg('protocol'),
  '@paysocket/client': pkg('client'),
  '@paysocket/react': pkg('react'),
  '@paysocket/server': pkg('server'),
  '@paysocket/mock-server': pkg('mock-server'),
  '@paysocket/testing': pkg('testing'),
};

const react18 = (path: string) =>
  fileURLToPath(new URL(`./packages/react/node_modules/${path}`, import.meta.url));
const react18Aliases = [
  { find: /^react$/, replacement: react18('react-18/index.js') },
  { find: /^react\/(.*)$/, replacement: react18('react-18/$1') },
  { find: /^react-dom$/, replacement: react18('react-dom-18/index.js') },
  { find: /^react-dom\/(.*)$/, replacement: react18('react-dom-18/$1') },
];

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    // Generous ceilings for integration tests on a loaded 2-core machine (a hang still fails).
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'examples/nestjs-backend/test/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/*/test/**/*.test.tsx', 'packages/*/src/**/*.test.tsx'],
        },
      },
      {
        extends: true,
        // The hook and modal tests again on React 18 (the peer range is >=18).
        resolve: { alias: react18Aliases },
        test: {
          name: 'react18',
          environment: 'jsdom',
          include: ['packages/react/test/**/*.test.tsx'],
          setupFiles: ['packages/react/test/support/react18Resolution.ts'],
          // Every library that imports React (Radix, qrcode.react, Testing Library, Storybook's
          // renderer) goes through Vite as well, so the aliases hand it the 18 copies too.
          server: { deps: { inline: true } },
        },
      },
      {
        extends: true,
        test: {
          // Real Chromium against the built examples and the mock server's CLI (see e2e/support).
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A page settles after a fetch or two; on a loaded machine that can take seconds.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        extends: true,
        // msw's worker script, served at the root from the installed msw (never a stale copy).
        publicDir: fileURLToPath(
          new URL('./packages/testing/node_modules/msw/lib', import.meta.url),
        ),
        test: {
          // The modal in real Chromium (canvas, layout, colour contrast): `*.spec.tsx`, which
          // the jsdom project does not pick up. Uses the system Chromium; never downloads one.
          name: 'chromium',
          include: ['packages/react/test/**/*.spec.tsx', 'packages/testing/test/**/*.spec.tsx'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              // A user who asked for dark colours and less motion: the specs check that
              // theme="system" and the reduced-motion rules follow those preferences.
              contextOptions: { colorScheme: 'dark', reducedMotion: 'reduce' },
              launchOptions: {
                executablePath: CHROMIUM_EXECUTABLE,
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
