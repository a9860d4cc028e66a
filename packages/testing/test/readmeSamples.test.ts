import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** Each `<!-- sample: path -->` marker and the code fence right after it. */
const samples = [...readme.matchAll(/<!-- sample: (\S+) -->\s*```\w*\n([\s\S]*?)```/g)].map(
  ([, path, code]) => ({ path: path as string, code: code as string }),
);

it('prints every sample the tests run', () => {
  expect(samples.map((s) => s.path)).toEqual([
    'samples/driveADeposit.sample.ts',
    'samples/depositNotice.sample.tsx',
    'samples/browserWorker.sample.ts',
  ]);
});

it.each(samples)('README shows $path exactly as it is', ({ path, code }) => {
  expect(code).toBe(readFileSync(new URL(path, root), 'utf8'));
});
