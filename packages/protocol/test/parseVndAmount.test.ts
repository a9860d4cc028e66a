import { describe, expect, it } from 'vitest';
import { parseVndAmount } from '../src/index';

describe('parseVndAmount', () => {
  it.each([
    ['100000', 100_000],
    ['100.000', 100_000],
    ['100 000', 100_000],
    ['100\u00a0000', 100_000],
    ['100\u202f000', 100_000],
    ['  100.000  ', 100_000],
    ['1.000.000', 1_000_000],
    ['50 000 000', 50_000_000],
    ['100.000 ₫', 100_000],
    ['100.000₫', 100_000],
    ['100000đ', 100_000],
    ['100.000 VND', 100_000],
    ['vnd 100000', 100_000],
    ['₫100.000', 100_000],
    ['1000', 1_000],
    ['999', 999],
    ['0', 0],
    ['0100000', 100_000],
  ])('reads %j as %d', (text, amount) => {
    expect(parseVndAmount(text)).toEqual({ ok: true, amount });
  });

  it.each([
    '100.000,00',
    '100.000,5',
    '100000.5',
    '100000,5',
    '100,000',
    '1,5',
    '100.00',
    '1.5',
    '100.0000',
    '10.00.000',
    '100 000,50',
    '100 000.000',
    '.5',
    '100000.',
  ])('refuses %j: it has a decimal part', (text) => {
    expect(parseVndAmount(text)).toEqual({ ok: false, problem: 'decimal' });
  });

  it.each(['', '   ', '₫', 'VND'])('refuses %j as empty', (text) => {
    expect(parseVndAmount(text)).toEqual({ ok: false, problem: 'empty' });
  });

  it.each(['-5', '-100.000', '−5000', ' -1'])('refuses %j as negative', (text) => {
    expect(parseVndAmount(text)).toEqual({ ok: false, problem: 'negative' });
  });

  it.each([
    '1e5',
    '0x10',
    '+5000',
    'abc',
    '100k',
    '100.000 USD',
    '100  000',
    '1 00 000',
    'Infinity',
    'NaN',
    '١٠٠',
  ])('refuses %j: not an amount', (text) => {
    expect(parseVndAmount(text)).toEqual({ ok: false, problem: 'not_a_number' });
  });
});
