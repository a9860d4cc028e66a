import * as z from 'zod/mini';
import { MOMO_MAX_AMOUNT, MOMO_MIN_AMOUNT } from '@paysocket/protocol';
import { MomoApiError } from './MomoApiError';
import { signMomoCreateRequest, signMomoQueryRequest } from './momoApiSignature';

export interface MomoClientOptions {
  /** `https://test-payment.momo.vn`, `https://payment.momo.vn`, or a fake provider's base URL. */
  endpoint: string;
  partnerCode: string;
  accessKey: string;
  secretKey: string;
  /** Per HTTP request. Defaults to 30 s, the minimum MoMo asks callers to wait. */
  timeoutMs?: number;
  /** How many times a request MoMo never answered is sent again (same requestId). Defaults to 1. */
  retries?: number;
  /** Every HTTP call goes through it; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/** `createPayment`'s argument: MoMo's own field names (captureWallet). */
export interface MomoCreatePaymentRequest {
  /** MoMo's pattern `^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$`, at most 200 characters. */
  orderId: string;
  /** At most 50 characters; MoMo's idempotency key. */
  requestId: string;
  /** Integer VND, 1,000 to 50,000,000. */
  amount: number;
  /** Shown to the payer; 1 to 255 characters. */
  orderInfo: string;
  /** Where MoMo sends the payer back (http or https). */
  redirectUrl: string;
  /** Where MoMo posts the IPN (http or https). */
  ipnUrl: string;
  /** Base64 of a JSON object, or `""` (the default). */
  extraData?: string;
  /** Language of MoMo's messages; defaults to `vi`. */
  lang?: 'vi' | 'en';
}

/** `queryPayment`'s argument: a fresh requestId per query is fine, the order is found by orderId. */
export interface MomoQueryPaymentRequest {
  orderId: string;
  requestId: string;
  lang?: 'vi' | 'en';
}

const safeInteger = z
  .number()
  .check(z.refine((value) => Number.isSafeInteger(value), { message: 'must be a safe integer' }));

const httpUrl = z
  .string()
  .check(z.refine((value) => isHttpUrl(value), { message: 'must be an http(s) URL' }));

/** MoMo's answer to a create request that succeeded (`resultCode` 0), as MoMo sends it. */
export const momoCreatePaymentResponseSchema = z.looseObject({
  partnerCode: z.string(),
  orderId: z.string(),
  requestId: z.string(),
  amount: safeInteger,
  responseTime: safeInteger,
  message: z.string(),
  resultCode: safeInteger,
  payUrl: httpUrl,
  deeplink: z.optional(z.string()),
  qrCodeUrl: z.optional(z.string()),
});

/** MoMo's answer to a query: the payment's state in `resultCode`, as MoMo sends it. */
export const momoQueryPaymentResponseSchema = z.looseObject({
  partnerCode: z.string(),
  orderId: z.string(),
  requestId: z.string(),
  extraData: z.optional(z.string()),
  amount: safeInteger,
  transId: safeInteger,
  payType: z.optional(z.string()),
  resultCode: safeInteger,
  message: z.string(),
  responseTime: safeInteger,
});

const resultSchema = z.looseObject({ resultCode: safeInteger, message: z.optional(z.string()) });

export type MomoCreatePaymentResponse = z.infer<typeof momoCreatePaymentResponseSchema>;
export type MomoQueryPaymentResponse = z.infer<typeof momoQueryPaymentResponseSchema>;

/** MoMo's payment API for one merchant (partnerCode + keys). */
export interface MomoClient {
  /**
   * Creates a captureWallet payment and resolves MoMo's body (`payUrl`, `deeplink`,
   * `qrCodeUrl` at the top level). Any `resultCode` other than 0 rejects with a
   * {@link MomoApiError} of kind `rejected`: there is then nothing the payer could pay.
   */
  createPayment(request: MomoCreatePaymentRequest): Promise<MomoCreatePaymentResponse>;
  /**
   * Resolves MoMo's query body whenever `resultCode` describes the payment (0, or 1000 and
   * up: pending, declined, expired…); codes below 1000 other than 0 refuse the request
   * itself (bad signature, unknown order…) and reject as kind `rejected`.
   */
  queryPayment(request: MomoQueryPaymentRequest): Promise<MomoQueryPaymentResponse>;
}

/**
 * The same order pattern as MoMo's `^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$` (a letter or digit,
 * then letters, digits and `-_.`, ending in a letter or digit), written without nested
 * quantifiers so that a long near-miss cannot make the regex engine backtrack for ages.
 */
const ORDER_ID_PATTERN = /^[0-9a-zA-Z](?:[-_.0-9a-zA-Z]*[0-9a-zA-Z])?$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMER_MS = 2_147_483_647;
const RETRY_DELAY_MS = 200;

/** A MoMo API client; see {@link MomoClient}. Options are checked here, requests before sending. */
export function createMomoClient(options: MomoClientOptions): MomoClient {
  const endpoint = checkEndpoint(options.endpoint);
  for (const key of ['partnerCode', 'accessKey', 'secretKey'] as const) {
    if (typeof options[key] !== 'string' || options[key].length === 0)
      throw new TypeError(`createMomoClient: ${key} must be a non-empty string`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMER_MS)
    throw new RangeError(
      `createMomoClient: timeoutMs must be an integer from 1 to ${MAX_TIMER_MS}`,
    );
  const retries = options.retries ?? 1;
  if (!Number.isInteger(retries) || retries < 0 || retries > 5)
    throw new RangeError('createMomoClient: retries must be an integer from 0 to 5');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function')
    throw new TypeError('createMomoClient: fetch must be a function');
  const { partnerCode } = options;
  const keys = { accessKey: options.accessKey, secretKey: options.secretKey };

  async function send(path: string, body: Record<string, unknown>, attempt: number) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const failed = (error: unknown) =>
      controller.signal.aborted
        ? new MomoApiError('timeout', `MoMo did not answer ${path} within ${timeoutMs} ms`, {
            attempts: attempt,
            cause: error,
          })
        : new MomoApiError('network', `could not reach MoMo at ${endpoint}${path}`, {
            attempts: attempt,
            cause: error,
          });
    try {
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(`${endpoint}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            accept: 'application/json',
          },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        text = await response.text();
      } catch (error) {
        throw failed(error);
      }
      const status = response.status;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw response.ok
          ? new MomoApiError('invalid_response', `MoMo's answer to ${path} is not JSON`, {
              status,
              body: text,
              attempts: attempt,
            })
          : new MomoApiError('http', `MoMo answered ${path} with HTTP ${status}`, {
              status,
              body: text,
              attempts: attempt,
            });
      }
      const result = resultSchema.safeParse(parsed);
      if (!response.ok) {
        if (result.success) throw rejected(path, result.data, status, parsed, attempt);
        throw new MomoApiError('http', `MoMo answered ${path} with HTTP ${status}`, {
          status,
          body: parsed,
          attempts: attempt,
        });
      }
      return { status, parsed, result: result.success ? result.data : undefined, attempt };
    } finally {
      clearTimeout(timer);
    }
  }

  async function post(path: string, body: Record<string, unknown>) {
    // MoMo deduplicates by requestId, so resending the very same body is safe; only requests
    // that got no MoMo answer are resent (timeout, network, 5xx).
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send(path, body, attempt);
      } catch (error) {
        if (!(error instanceof MomoApiError) || !error.retryable || attempt > retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
    }
  }

  return {
    async createPayment(request) {
      const checked = checkCreateRequest(request);
      const signed = { partnerCode, requestType: 'captureWallet', ...checked };
      const path = '/v2/gateway/api/create';
      const answer = await post(path, {
        ...signed,
        lang: request.lang ?? 'vi',
        signature: signMomoCreateRequest(signed, keys),
      });
      if (!answer.result)
        throw invalid(path, 'it has no resultCode', answer.status, answer.parsed, answer.attempt);
      if (answer.result.resultCode !== 0)
        throw rejected(path, answer.result, answer.status, answer.parsed, answer.attempt);
      const response = momoCreatePaymentResponseSchema.safeParse(answer.parsed);
      if (!response.success)
        throw invalid(
          path,
          issueText(response.error),
          answer.status,
          answer.parsed,
          answer.attempt,
        );
      checkEcho(path, response.data, { partnerCode, ...checked }, answer);
      return response.data;
    },

    async queryPayment(request) {
      const checked = checkQueryRequest(request);
      const signed = { partnerCode, ...checked };
      const path = '/v2/gateway/api/query';
      const answer = await post(path, {
        ...signed,
        lang: request.lang ?? 'vi',
        signature: signMomoQueryRequest(signed, keys),
      });
      if (!answer.result)
        throw invalid(path, 'it has no resultCode', answer.status, answer.parsed, answer.attempt);
      const code = answer.result.resultCode;
      if (code !== 0 && code < 1000)
        throw rejected(path, answer.result, answer.status, answer.parsed, answer.attempt);
      const response = momoQueryPaymentResponseSchema.safeParse(answer.parsed);
      if (!response.success)
        throw invalid(
          path,
          issueText(response.error),
          answer.status,
          answer.parsed,
          answer.attempt,
        );
      checkEcho(path, response.data, signed, answer);
      return response.data;
    },
  };
}

/**
 * MoMo does not sign its create or query answers, so what can be checked is that the
 * answer is about this request: same partner, order, request and (for create) amount.
 */
function checkEcho(
  path: string,
  response: Record<string, unknown>,
  expected: Record<string, unknown>,
  answer: { status: number; parsed: unknown; attempt: number },
): void {
  for (const key of ['partnerCode', 'orderId', 'requestId', 'amount']) {
    if (key in expected && response[key] !== expected[key]) {
      throw new MomoApiError(
        'mismatch',
        `MoMo's answer to ${path} has ${key} ${JSON.stringify(response[key])}, expected ${JSON.stringify(expected[key])}`,
        { status: answer.status, body: answer.parsed, attempts: answer.attempt },
      );
    }
  }
}

function rejected(
  path: string,
  result: { resultCode: number; message?: string | undefined },
  status: number,
  body: unknown,
  attempts: number,
): MomoApiError {
  return new MomoApiError(
    'rejected',
    `MoMo refused ${path}: resultCode ${result.resultCode}${result.message ? ` (${result.message})` : ''}`,
    { resultCode: result.resultCode, status, body, attempts },
  );
}

function invalid(
  path: string,
  why: string,
  status: number,
  body: unknown,
  attempts: number,
): MomoApiError {
  return new MomoApiError('invalid_response', `MoMo's answer to ${path} is not usable: ${why}`, {
    status,
    body,
    attempts,
  });
}

function issueText(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'unexpected shape';
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function checkEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== 'string' || !isHttpUrl(endpoint))
    throw new TypeError(
      `createMomoClient: endpoint must be an http(s) URL, got ${String(endpoint)}`,
    );
  const url = new URL(endpoint);
  if (url.search || url.hash)
    throw new TypeError('createMomoClient: endpoint must not carry a query or a fragment');
  return url.href.replace(/\/+$/, '');
}

function checkOrderAndRequest(
  method: string,
  request: { orderId?: unknown; requestId?: unknown; lang?: unknown },
): { orderId: string; requestId: string } {
  const { orderId, requestId, lang } = request;
  if (typeof orderId !== 'string' || orderId.length > 200 || !ORDER_ID_PATTERN.test(orderId))
    throw new TypeError(
      `${method}: orderId must match MoMo's pattern ^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$ (at most 200 characters), got ${JSON.stringify(orderId)}`,
    );
  if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > 50)
    throw new TypeError(`${method}: requestId must be a string of 1 to 50 characters`);
  if (lang !== undefined && lang !== 'vi' && lang !== 'en')
    throw new TypeError(`${method}: lang must be "vi" or "en", got ${JSON.stringify(lang)}`);
  return { orderId, requestId };
}

function checkCreateRequest(request: MomoCreatePaymentRequest) {
  const method = 'createPayment';
  if (typeof request !== 'object' || request === null)
    throw new TypeError(`${method}: the request must be an object`);
  const ids = checkOrderAndRequest(method, request);
  const { amount, orderInfo, redirectUrl, ipnUrl } = request;
  const extraData = request.extraData ?? '';
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount))
    throw new TypeError(`${method}: amount must be an integer number of VND`);
  if (amount < MOMO_MIN_AMOUNT || amount > MOMO_MAX_AMOUNT)
    throw new RangeError(
      `${method}: amount must be from ${MOMO_MIN_AMOUNT} to ${MOMO_MAX_AMOUNT} VND, got ${amount}`,
    );
  if (typeof orderInfo !== 'string' || orderInfo.length === 0 || orderInfo.length > 255)
    throw new TypeError(`${method}: orderInfo must be a string of 1 to 255 characters`);
  for (const [name, value] of [
    ['redirectUrl', redirectUrl],
    ['ipnUrl', ipnUrl],
  ] as const) {
    if (typeof value !== 'string' || !isHttpUrl(value))
      throw new TypeError(
        `${method}: ${name} must be an http(s) URL, got ${JSON.stringify(value)}`,
      );
  }
  if (typeof extraData !== 'string' || !BASE64_PATTERN.test(extraData))
    throw new TypeError(`${method}: extraData must be base64 (of a JSON object) or ""`);
  return { ...ids, amount, orderInfo, redirectUrl, ipnUrl, extraData };
}

function checkQueryRequest(request: MomoQueryPaymentRequest) {
  if (typeof request !== 'object' || request === null)
    throw new TypeError('queryPayment: the request must be an object');
  return checkOrderAndRequest('queryPayment', request);
}
