import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// cli.ts starts with its own `#!/usr/bin/env node`, which esbuild keeps at the top of dist/cli.js.
export default defineConfig(packageBuild({ entry: ['src/index.ts', 'src/cli.ts'] }));
