import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { describe, expect, it } from 'vitest';

describe('React under test', () => {
  it('is the version this project is meant to run', ({ task }) => {
    const major = task.file.projectName === 'react18' ? '18' : '19';
    expect(version.split('.')[0]).toBe(major);
    expect(domVersion).toBe(version);
  });
});
