import { existsSync } from 'node:fs';
import { CHROMIUM_EXECUTABLE } from '../../scripts/chromiumLaunch';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const mockServerCli = `${repoRoot}packages/mock-server/dist/cli.js`;
export const mockServerWithOverrides = fileURLToPath(
  new URL('./mockServerWithOverrides.mjs', import.meta.url),
);
export const chromiumPath = CHROMIUM_EXECUTABLE;
export const nestBackendMain = `${repoRoot}examples/nestjs-backend/dist/main.js`;

export type ExampleName = 'react-wallet' | 'vanilla';
export const exampleDir = (name: ExampleName) => `${repoRoot}examples/${name}`;
export const viteBin = (name: ExampleName) => `${exampleDir(name)}/node_modules/vite/bin/vite.js`;

/**
 * Whether the end-to-end tests of `example` can run here: they need what `pnpm test` alone
 * does not make — the built mock server, the built example and Chromium. Missing pieces
 * skip the tests with a note, except where `scripts/test-all.sh` (which builds them first)
 * sets PAYSOCKET_E2E=required: there they fail the run.
 */
export function e2eReady(example: ExampleName): boolean {
  const missing: string[] = [];
  if (!existsSync(mockServerCli)) missing.push(`${mockServerCli} (pnpm build)`);
  if (!existsSync(`${exampleDir(example)}/dist/index.html`)) {
    missing.push(`examples/${example}/dist (pnpm --filter ./examples/${example} run build)`);
  }
  if (!existsSync(chromiumPath))
    missing.push(`${chromiumPath} (bash scripts/install-system-deps.sh)`);
  if (missing.length === 0) return true;
  const message = `End-to-end prerequisites missing:\n  ${missing.join('\n  ')}`;
  if (process.env.PAYSOCKET_E2E === 'required') throw new Error(message);
  console.warn(
    `${message}\nSkipping these end-to-end tests; bash scripts/test-all.sh builds everything first.`,
  );
  return false;
}

/** The backends the wallet pages' end-to-end specs run against: the NestJS one once it is built. */
export function stackBackends(): Array<'mock-server' | 'nestjs'> {
  if (existsSync(nestBackendMain)) return ['mock-server', 'nestjs'];
  const message = `${nestBackendMain} missing (pnpm --filter ./examples/nestjs-backend run build)`;
  if (process.env.PAYSOCKET_E2E === 'required') throw new Error(message);
  console.warn(`${message}\nThe wallet specs run against the mock server only.`);
  return ['mock-server'];
}
