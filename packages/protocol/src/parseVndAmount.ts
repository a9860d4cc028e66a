/** Why a typed amount is not a whole number of dong. */
export type VndAmountProblem = 'empty' | 'negative' | 'decimal' | 'not_a_number';

export type ParsedVndAmount =
  { ok: true; amount: number } | { ok: false; problem: VndAmountProblem };

// Between thousands people and `Intl` put ordinary, no-break (U+00A0) and narrow no-break
// (U+202F) spaces. Literals, not `new RegExp`, so bundlers drop them when unused.
const CURRENCY = /^(?:₫|đ|vnd)[ \u00a0\u202f]*|[ \u00a0\u202f]*(?:₫|đ|vnd)$/giu;
const PLAIN = /^\d+$/;
const GROUPED_BY_DOTS = /^\d{1,3}(?:\.\d{3})+$/;
const GROUPED_BY_SPACES = /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$/;
const DIGITS_AND_SEPARATORS = /^[\d.,\u0020\u00a0\u202f]+$/;

/**
 * Reads an amount of VND as a Vietnamese user writes it: `100000`, `100.000` (dots group
 * thousands) or `100 000`, with or without `₫` / `đ` / `VND`. VND has no minor unit, so
 * anything with a decimal part (`100.000,00`, `100.000,5`, `100000.5`) is refused rather
 * than guessed at: what is typed is what is charged. Limits are the caller's (see
 * `isValidMomoAmount`).
 */
export function parseVndAmount(text: string): ParsedVndAmount {
  const bare = text.trim().replace(CURRENCY, '').trim();
  if (bare === '') return { ok: false, problem: 'empty' };
  if (/^[-−]/u.test(bare)) return { ok: false, problem: 'negative' };
  if (PLAIN.test(bare) || GROUPED_BY_DOTS.test(bare) || GROUPED_BY_SPACES.test(bare)) {
    return { ok: true, amount: Number(bare.replace(/\D/g, '')) };
  }
  // Digits with a comma, or with dots that do not group thousands, have a decimal part.
  if (DIGITS_AND_SEPARATORS.test(bare) && /\d/.test(bare) && /[.,]/.test(bare)) {
    return { ok: false, problem: 'decimal' };
  }
  return { ok: false, problem: 'not_a_number' };
}
