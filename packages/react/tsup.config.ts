import { esbuildPluginFilePathExtensions } from 'esbuild-plugin-file-path-extensions';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// One output file per source file. Bundled into one file, the modal shared a module with
// the hooks, and `sideEffects: false` (which drops whole unused modules) could not keep it
// out of a hooks-only app: a bundler keeps any top-level statement it cannot prove pure
// (`memo(...)`, `new Intl.NumberFormat(...)`), and with them the QR library. As their own
// files, the modal's modules are dropped whole when nothing imports them.
//
// Every export is a hook or a component that needs the browser: the files are marked as
// client modules for React Server Components. A directive in a source file would not survive
// the build, so it goes in as a banner.
export default defineConfig(
  packageBuild({
    entry: ['src/**/*.{ts,tsx}', '!src/**/*.stories.tsx'],
    bundle: true,
    // One declaration file for the one public entry.
    dts: { entry: 'src/index.ts' },
    esbuildPlugins: [esbuildPluginFilePathExtensions({ esmExtension: 'js', cjsExtension: 'cjs' })],
    banner: { js: "'use client';" },
    treeshake: false,
  }),
);
