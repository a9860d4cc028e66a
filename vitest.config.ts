import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (name: string) =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

/** Tests import sibling packages from source, so `pnpm test` never needs a build. */
export const sourceAliases = {
  '@paysocket/protocol': pkg('protocol'),
  '@paysocket/client': pkg('client'),
  '@paysocket/react': pkg('react'),
  '@paysocket/server': pkg('server'),
  '@paysocket/mock-server': pkg('mock-server'),
};

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
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
    ],
  },
});
