import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// Every export is a hook or a component that needs the browser: mark the built files as
// client modules for React Server Components. A directive in a source file would not survive
// bundling, so it goes in as a banner (which Rollup's tree-shaking pass would strip; esbuild
// already drops unused code).
export default defineConfig(packageBuild({ banner: { js: "'use client';" }, treeshake: false }));
