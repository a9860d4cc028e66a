import type { StorybookConfig } from '@storybook/react-vite';
import { fileURLToPath } from 'node:url';

const packages = ['protocol', 'client', 'react', 'testing'];
const sourceAliases = Object.fromEntries(
  packages.map((name) => [
    `@paysocket/${name}`,
    fileURLToPath(new URL(`../packages/${name}/src/index.ts`, import.meta.url)),
  ]),
);

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../packages/*/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs'],
  // msw's worker script for the live story, served at the root from the installed msw.
  staticDirs: [{ from: '../packages/testing/node_modules/msw/lib', to: '/' }],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Stories render the packages from source, as the tests do, so no build is needed first.
  viteFinal: (viteConfig) => {
    const existing = viteConfig.resolve?.alias ?? [];
    const ours = Object.entries(sourceAliases).map(([find, replacement]) => ({
      find,
      replacement,
    }));
    const alias = Array.isArray(existing)
      ? [...existing, ...ours]
      : [
          ...Object.entries(existing).map(([find, replacement]) => ({ find, replacement })),
          ...ours,
        ];
    return {
      ...viteConfig,
      resolve: { ...viteConfig.resolve, alias },
      build: {
        ...viteConfig.build,
        // Storybook's own preview bundle is large by design; a warning about it says nothing.
        chunkSizeWarningLimit: 2048,
        rolldownOptions: {
          ...viteConfig.build?.rolldownOptions,
          // Radix ships 'use client' directives, meaningless in a static Storybook bundle.
          onwarn(warning, warn) {
            if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
          },
        },
      },
    };
  },
};

export default config;
