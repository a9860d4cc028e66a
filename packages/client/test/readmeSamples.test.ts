import { describe, expect, it } from 'vitest';
import { readmeSampleProblems } from '../../../scripts/readmeSamples';

describe('README code samples', () => {
  it('shows each sample exactly as its file, and no code outside of one', () => {
    expect(readmeSampleProblems(new URL('../README.md', import.meta.url))).toEqual([]);
  });
});
