import * as z from 'zod/mini';

const safeInteger = z
  .number()
  .check(z.refine((value) => Number.isSafeInteger(value), { message: 'phải là số nguyên' }));

// MoMo's `^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$` without its nested quantifiers (same strings).
const ORDER_ID_PATTERN = /^[0-9a-zA-Z](?:[-_.0-9a-zA-Z]*[0-9a-zA-Z])?$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const httpUrl = z.string().check(
  z.refine(
    (value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: 'phải là URL http(s)' },
  ),
);

const orderId = z
  .string()
  .check(z.maxLength(200), z.regex(ORDER_ID_PATTERN, { message: 'sai định dạng orderId' }));
const requestId = z.string().check(z.minLength(1), z.maxLength(50));
const lang = z.optional(z.enum(['vi', 'en']));

/** The body of `POST /v2/gateway/api/create` with `requestType: captureWallet`. */
export const fakeMomoCreateRequestSchema = z.looseObject({
  partnerCode: z.string().check(z.minLength(1)),
  requestId,
  amount: safeInteger,
  orderId,
  orderInfo: z.string().check(z.minLength(1), z.maxLength(255)),
  redirectUrl: httpUrl,
  ipnUrl: httpUrl,
  requestType: z.literal('captureWallet'),
  extraData: z.string().check(z.regex(BASE64_PATTERN, { message: 'phải là base64' })),
  lang,
  signature: z.string(),
});

/** The body of `POST /v2/gateway/api/query`. */
export const fakeMomoQueryRequestSchema = z.looseObject({
  partnerCode: z.string().check(z.minLength(1)),
  requestId,
  orderId: z.string().check(z.minLength(1)),
  lang,
  signature: z.string(),
});

/** One field MoMo found wrong, as in its `subErrors`. */
export interface MomoSubError {
  field: string;
  message: string;
}

/** Turns a schema failure into MoMo's `subErrors` list. */
export function subErrorsOf(error: {
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>;
}): MomoSubError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }));
}
