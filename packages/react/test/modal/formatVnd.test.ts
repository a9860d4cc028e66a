import { describe, expect, test } from 'vitest';
import { formatVnd } from '../../src/modal/formatVnd';

describe('formatVnd', () => {
  test('writes VND the Vietnamese way: dot groups, no decimals, ₫ after a no-break space', () => {
    expect(formatVnd(100_000)).toBe('100.000\u00a0₫');
    expect(formatVnd(1_000)).toBe('1.000\u00a0₫');
    expect(formatVnd(50_000_000)).toBe('50.000.000\u00a0₫');
    expect(formatVnd(0)).toBe('0\u00a0₫');
  });
});
