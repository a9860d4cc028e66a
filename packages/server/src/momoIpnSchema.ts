import * as z from 'zod/mini';
import type { MomoIpnSignedValues } from './momoSignature';

/** An integer that survived `JSON.parse` exactly (beyond 2^53 the signed text is lost). */
const safeInteger = z
  .number()
  .check(z.refine((value) => Number.isSafeInteger(value), { message: 'must be a safe integer' }));

/** MoMo's instant payment notification (IPN) body, as posted to the callback. */
export const momoIpnSchema = z.looseObject({
  partnerCode: z.string().check(z.minLength(1)),
  orderId: z.string().check(z.minLength(1)),
  requestId: z.string(),
  amount: safeInteger,
  orderInfo: z.string(),
  orderType: z.string(),
  transId: z.union([safeInteger, z.string()]),
  resultCode: safeInteger,
  message: z.string(),
  payType: z.string(),
  responseTime: z.union([safeInteger, z.string()]),
  extraData: z.string(),
  signature: z.string(),
});

export type MomoIpn = z.infer<typeof momoIpnSchema> & MomoIpnSignedValues;

/** Result of {@link parseMomoIpn}: the IPN, or why the body is not one. */
export type MomoIpnParseResult = { ok: true; ipn: MomoIpn } | { ok: false; message: string };

/** Checks that a parsed JSON body has every IPN field with the right type. */
export function parseMomoIpn(body: unknown): MomoIpnParseResult {
  const result = momoIpnSchema.safeParse(body);
  if (result.success) return { ok: true, ipn: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid IPN'}` };
}
