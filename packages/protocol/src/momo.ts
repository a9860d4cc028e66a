import type { TransactionStatus } from './status';

/** Amount limits of a MoMo payment, in integer VND. */
export const MOMO_MIN_AMOUNT = 1_000;
export const MOMO_MAX_AMOUNT = 50_000_000;

export interface MomoResultMapping {
  status: TransactionStatus;
  /** Why it failed or was cancelled; absent for completed and pending. */
  reason?: string;
}

const MAPPING: Readonly<Record<number, MomoResultMapping>> = {
  0: { status: 'completed' },
  9000: { status: 'completed' },
  1000: { status: 'pending' },
  7000: { status: 'pending' },
  7002: { status: 'pending' },
  8000: { status: 'pending' },
  1001: { status: 'failed', reason: 'insufficient_funds' },
  1005: { status: 'failed', reason: 'expired' },
  1006: { status: 'cancelled', reason: 'declined' },
  1017: { status: 'cancelled', reason: 'merchant_cancelled' },
};

/** Maps a MoMo `resultCode` to our status and reason (`momo_<code>` when unknown). */
export function mapMomoResultCode(resultCode: number): MomoResultMapping {
  return MAPPING[resultCode] ?? { status: 'failed', reason: `momo_${resultCode}` };
}

/** Whether an amount is one MoMo accepts: an integer VND between the limits. */
export function isValidMomoAmount(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount >= MOMO_MIN_AMOUNT && amount <= MOMO_MAX_AMOUNT;
}
