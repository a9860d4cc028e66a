// Min+gzip size of browser bundles of @paysocket/client, built from the published files (the
// client's and protocol's dist/): with every dependency, and of our own code alone (client +
// protocol). Run directly, it fails when a budget is exceeded.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const ENTRY = here('../dist/index.js');
const PROTOCOL = here('../../protocol/dist/index.js');

export const BUDGETS = {
  all: { label: 'client + all dependencies', limitKiB: 28, external: [] },
  own: {
    label: 'own code (client + protocol)',
    limitKiB: 7,
    external: ['socket.io-client', 'eventemitter3', 'zod', 'zod/*'],
  },
};

async function gzippedKiB(external) {
  for (const file of [ENTRY, PROTOCOL]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm run build\` first`);
  }
  const result = await build({
    entryPoints: [ENTRY],
    alias: { '@paysocket/protocol': PROTOCOL },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external,
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1024;
}

/** Measures every budget; `ok` is false when one is exceeded. */
export async function measureBundleSizes() {
  const rows = [];
  for (const budget of Object.values(BUDGETS)) {
    const kib = await gzippedKiB(budget.external);
    rows.push({ ...budget, kib, ok: kib <= budget.limitKiB });
  }
  return rows;
}

export function formatSize({ label, kib, limitKiB, ok }) {
  return `${ok ? 'ok  ' : 'OVER'} ${label}: ${kib.toFixed(2)} KiB min+gzip (budget ${limitKiB} KiB)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await measureBundleSizes();
  for (const row of rows) console.log(formatSize(row));
  if (rows.some((row) => !row.ok)) process.exit(1);
}
