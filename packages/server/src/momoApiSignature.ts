import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MomoKeys } from './momoSignature';

/** The fields MoMo signs in a create request (`/v2/gateway/api/create`), in raw-string order (a–z). */
export const MOMO_CREATE_SIGNED_FIELDS = [
  'accessKey',
  'amount',
  'extraData',
  'ipnUrl',
  'orderId',
  'orderInfo',
  'partnerCode',
  'redirectUrl',
  'requestId',
  'requestType',
] as const;

/** The fields MoMo signs in a query request (`/v2/gateway/api/query`), in raw-string order (a–z). */
export const MOMO_QUERY_SIGNED_FIELDS = [
  'accessKey',
  'orderId',
  'partnerCode',
  'requestId',
] as const;

/** The create request's values that go into its signature (all but `accessKey`). */
export interface MomoCreateSignedValues {
  partnerCode: string;
  orderId: string;
  requestId: string;
  amount: number;
  orderInfo: string;
  redirectUrl: string;
  ipnUrl: string;
  extraData: string;
  requestType: string;
}

/** The query request's values that go into its signature (all but `accessKey`). */
export interface MomoQuerySignedValues {
  partnerCode: string;
  orderId: string;
  requestId: string;
}

const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

function rawSignature<K extends string>(
  fields: readonly K[],
  values: Record<Exclude<K, 'accessKey'>, string | number>,
  accessKey: string,
): string {
  const all = { ...values, accessKey } as Record<K, string | number>;
  return fields.map((key) => `${key}=${String(all[key])}`).join('&');
}

function hmacHex(raw: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(raw, 'utf8').digest('hex');
}

/** Exactly 64 lowercase hex characters equal to `expected`, compared in constant time. */
function matches(expected: string, received: unknown): boolean {
  if (typeof received !== 'string' || !SIGNATURE_PATTERN.test(received)) return false;
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(received, 'utf8'));
}

/**
 * `accessKey=…&amount=…&extraData=…&ipnUrl=…&orderId=…&orderInfo=…&partnerCode=…&redirectUrl=…&requestId=…&requestType=…`
 * with the raw values (no URL-encoding), as MoMo's create API documents it.
 */
export function buildMomoCreateRawSignature(
  values: MomoCreateSignedValues,
  accessKey: string,
): string {
  return rawSignature(MOMO_CREATE_SIGNED_FIELDS, values, accessKey);
}

/** Lowercase hex HMAC-SHA256 (UTF-8) of the create request's raw signature string. */
export function signMomoCreateRequest(values: MomoCreateSignedValues, keys: MomoKeys): string {
  return hmacHex(buildMomoCreateRawSignature(values, keys.accessKey), keys.secretKey);
}

/** Whether `signature` is the create request's signature under these keys (MoMo's side of it). */
export function verifyMomoCreateSignature(
  values: MomoCreateSignedValues,
  signature: unknown,
  keys: MomoKeys,
): boolean {
  return matches(signMomoCreateRequest(values, keys), signature);
}

/** `accessKey=…&orderId=…&partnerCode=…&requestId=…`, as MoMo's query API documents it. */
export function buildMomoQueryRawSignature(
  values: MomoQuerySignedValues,
  accessKey: string,
): string {
  return rawSignature(MOMO_QUERY_SIGNED_FIELDS, values, accessKey);
}

/** Lowercase hex HMAC-SHA256 (UTF-8) of the query request's raw signature string. */
export function signMomoQueryRequest(values: MomoQuerySignedValues, keys: MomoKeys): string {
  return hmacHex(buildMomoQueryRawSignature(values, keys.accessKey), keys.secretKey);
}

/** Whether `signature` is the query request's signature under these keys (MoMo's side of it). */
export function verifyMomoQuerySignature(
  values: MomoQuerySignedValues,
  signature: unknown,
  keys: MomoKeys,
): boolean {
  return matches(signMomoQueryRequest(values, keys), signature);
}
