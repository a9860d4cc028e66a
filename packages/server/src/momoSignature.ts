import { createHmac, timingSafeEqual } from 'node:crypto';

/** The IPN fields MoMo signs, in the order of the raw signature string (keys a–z). */
export const MOMO_IPN_SIGNED_FIELDS = [
  'accessKey',
  'amount',
  'extraData',
  'message',
  'orderId',
  'orderInfo',
  'orderType',
  'partnerCode',
  'payType',
  'requestId',
  'responseTime',
  'resultCode',
  'transId',
] as const;

/** The IPN values that go into the signature, as parsed from the JSON body. */
export interface MomoIpnSignedValues {
  partnerCode: string;
  orderId: string;
  requestId: string;
  amount: number;
  orderInfo: string;
  orderType: string;
  transId: number | string;
  resultCode: number;
  message: string;
  payType: string;
  responseTime: number | string;
  extraData: string;
}

/** The merchant's MoMo credentials that take part in signing. */
export interface MomoKeys {
  accessKey: string;
  secretKey: string;
}

const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The string MoMo's IPN signature is computed over: `key=value` pairs joined by `&`,
 * each value `String()` of the parsed field, `accessKey` taken from our configuration
 * (never from the body).
 */
export function buildMomoIpnRawSignature(values: MomoIpnSignedValues, accessKey: string): string {
  const all: Record<(typeof MOMO_IPN_SIGNED_FIELDS)[number], string | number> = {
    ...values,
    accessKey,
  };
  return MOMO_IPN_SIGNED_FIELDS.map((key) => `${key}=${String(all[key])}`).join('&');
}

/** Lowercase hex HMAC-SHA256 of the raw signature string (UTF-8), as MoMo sends it. */
export function signMomoIpn(values: MomoIpnSignedValues, keys: MomoKeys): string {
  return createHmac('sha256', keys.secretKey)
    .update(buildMomoIpnRawSignature(values, keys.accessKey), 'utf8')
    .digest('hex');
}

/**
 * Whether `signature` is exactly the 64 lowercase hex characters we compute for these
 * values. Anything else (missing, wrong length, uppercase, non-hex) is refused before the
 * constant-time comparison, which then always sees two buffers of equal length.
 */
export function verifyMomoIpnSignature(
  values: MomoIpnSignedValues,
  signature: unknown,
  keys: MomoKeys,
): boolean {
  if (typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature)) return false;
  const expected = Buffer.from(signMomoIpn(values, keys), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  return expected.length === received.length && timingSafeEqual(expected, received);
}
