import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readmeSampleProblems, writeReadmeSamples } from '../../../scripts/readmeSamples';

describe('README code samples', () => {
  it('shows each sample exactly as its file, and no code outside of one', () => {
    expect(readmeSampleProblems(new URL('../README.md', import.meta.url))).toEqual([]);
  });
});

describe('the README sample check', () => {
  let dir: string;
  const readme = () => join(dir, 'README.md');
  const write = (text: string) => writeFileSync(readme(), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paysocket-readme-'));
    mkdirSync(join(dir, 'samples'));
    writeFileSync(join(dir, 'samples', 'hello.ts'), "export const hello = 'world';\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a marked fence equal to its file, a blank line between, and unmarked shell', () => {
    write(
      [
        '# x',
        '<!-- sample: samples/hello.ts -->',
        '',
        '```ts',
        "export const hello = 'world';",
        '```',
        '```bash',
        'pnpm test',
        '```',
        '',
      ].join('\n'),
    );
    expect(readmeSampleProblems(readme())).toEqual([]);
  });

  it('reports a fence that differs from its file, and --write puts the file in it', () => {
    write(
      [
        '<!-- sample: samples/hello.ts -->',
        '```ts',
        "export const hello = 'moon';",
        '```',
        '',
      ].join('\n'),
    );
    expect(readmeSampleProblems(readme())).toEqual([
      expect.stringMatching(/README\.md:2: differs from samples\/hello\.ts/),
    ]);
    expect(writeReadmeSamples(readme())).toBe(true);
    expect(readFileSync(readme(), 'utf8')).toContain("export const hello = 'world';\n```");
    expect(readmeSampleProblems(readme())).toEqual([]);
    expect(writeReadmeSamples(readme())).toBe(false);
  });

  it.each(['ts', 'tsx', 'js', 'typescript'])('reports a %s fence with no sample file', (lang) => {
    write(['Text', '', '```' + lang, 'const x = 1;', '```', ''].join('\n'));
    expect(readmeSampleProblems(readme())).toEqual([
      expect.stringMatching(new RegExp(`README\\.md:3: ${lang} fence has no`)),
    ]);
  });

  it('reports a marker naming a missing file, a stray marker and an indented sample', () => {
    write(
      [
        '<!-- sample: samples/gone.ts -->',
        '```ts',
        '```',
        '<!-- sample: samples/hello.ts -->',
        'Some text instead of a fence.',
        '- a list item:',
        '  ```ts',
        "  export const hello = 'world';",
        '  ```',
        '',
      ].join('\n'),
    );
    expect(readmeSampleProblems(readme())).toEqual([
      expect.stringMatching(/:4: sample marker not followed by a code fence/),
      expect.stringMatching(/:2: sample samples\/gone\.ts does not exist/),
      expect.stringMatching(/:7: a sample fence must not be indented/),
    ]);
  });
});
