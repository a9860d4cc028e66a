import * as z from 'zod';
import { MOMO_MAX_AMOUNT, MOMO_MIN_AMOUNT } from '@paysocket/protocol';
import { ApiError } from './ApiError.js';

const vndAmount = (min: number) =>
  z
    .number({ error: 'amount must be a number' })
    .int('amount must be an integer number of VND (VND has no minor unit)')
    .min(min, `amount must be at least ${min.toLocaleString('vi-VN')} VND`)
    .max(MOMO_MAX_AMOUNT, `amount must be at most ${MOMO_MAX_AMOUNT.toLocaleString('vi-VN')} VND`);

export const loginBodySchema = z.strictObject({
  userId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'userId: 1 to 64 letters, digits, "_", "." or "-"'),
});

export const depositBodySchema = z.strictObject({
  amount: vndAmount(MOMO_MIN_AMOUNT),
  provider: z.literal('momo', 'provider must be "momo"'),
});

export const withdrawBodySchema = z.strictObject({ amount: vndAmount(1) });

export const confirmDepositBodySchema = z.strictObject({
  transactionId: z.string().min(1, 'transactionId is required'),
});

/** The body checked against its schema, or a 400 `INVALID_BODY` naming the first problem. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ApiError(400, 'INVALID_BODY', `${where}${issue?.message ?? 'invalid body'}`);
}
