// Min+gzip size of browser bundles of the BUILT @paysocket/react (run `build` first): an app
// that uses only the hooks, and one that also shows DepositQRModal. React and the paysocket
// client are the app's own (the client has its budget in @paysocket/client), so they stay out;
// the modal's libraries are counted. Run directly, it fails when a budget is exceeded or when
// a hooks-only bundle carries any of the modal's code.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const builtEntry = here('../dist/index.js');

const HOOKS = [
  'PaymentSocketProvider',
  'usePaymentSocket',
  'useDepositListener',
  'useTransactionStatus',
];

export const BUDGETS = {
  hooks: { label: 'hooks only', limitKiB: 5, names: HOOKS },
  modal: { label: 'hooks + DepositQRModal', limitKiB: 30, names: [...HOOKS, 'DepositQRModal'] },
};

/** Inputs that belong to the modal: its own modules and the libraries only it uses. */
const MODAL_INPUT =
  /\/dist\/modal\/|\/dist\/DepositQRModal\.js$|qrcode\.react|@radix-ui|react-remove-scroll/;

async function measure(names) {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from '@paysocket/react';`,
      resolveDir: here('.'),
      loader: 'js',
    },
    alias: { '@paysocket/react': builtEntry },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: [
      'react',
      'react/*',
      'react-dom',
      'react-dom/*',
      '@paysocket/client',
      '@paysocket/protocol',
    ],
    // The repository's tsconfig maps @paysocket/* to sources; this measures what is published.
    tsconfigRaw: {},
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  // Every module esbuild read is in metafile.inputs; only those with bytes in the output count.
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
  return {
    kib: gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1024,
    modalInputs: inputs.filter((input) => MODAL_INPUT.test(input)),
  };
}

/** Measures every budget; `ok` is false when one is exceeded (or hooks-only carries the modal). */
export async function measureBundleSizes() {
  if (!existsSync(builtEntry)) {
    throw new Error(
      `${builtEntry} is missing: run \`pnpm --filter @paysocket/react run build\` first`,
    );
  }
  const rows = [];
  for (const [key, budget] of Object.entries(BUDGETS)) {
    const { kib, modalInputs } = await measure(budget.names);
    const leaked = key === 'hooks' ? modalInputs : [];
    rows.push({ ...budget, kib, leaked, ok: kib <= budget.limitKiB && leaked.length === 0 });
  }
  return rows;
}

export function formatSize({ label, kib, limitKiB, ok, leaked }) {
  const line = `${ok ? 'ok  ' : 'OVER'} ${label}: ${kib.toFixed(2)} KiB min+gzip (budget ${limitKiB} KiB)`;
  return leaked.length === 0 ? line : `${line}\n     carries the modal: ${leaked.join(', ')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await measureBundleSizes();
  for (const row of rows) console.log(formatSize(row));
  if (rows.some((row) => !row.ok)) process.exit(1);
}
