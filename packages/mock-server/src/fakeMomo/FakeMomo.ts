import { randomInt } from 'node:crypto';
import {
  buildMomoCreateRawSignature,
  buildMomoQueryRawSignature,
  signMomoIpn,
  verifyMomoCreateSignature,
  verifyMomoQuerySignature,
  type MomoIpnSignedValues,
} from '@paysocket/server';
import { API_PATHS, MOMO_MAX_AMOUNT, MOMO_MIN_AMOUNT } from '@paysocket/protocol';
import type { FakeMomoPayment, FakeMomoStore } from './FakeMomoStore';
import {
  fakeMomoCreateRequestSchema,
  fakeMomoQueryRequestSchema,
  subErrorsOf,
  type MomoSubError,
} from './fakeMomoRequests';

/** How the IPNs of payments made from now on are delivered (`POST /mock-momo/dev/ipn-mode`). */
export interface IpnDelivery {
  /** `send` once, `drop` (never sent), or `twice` (the same IPN two times). */
  mode: 'send' | 'drop' | 'twice';
  /** Wait this long after the payer acted before sending. */
  delayMs: number;
}

/** What the fake provider answers an API call: MoMo's HTTP status and JSON body. */
export interface MomoAnswer {
  status: 200 | 400;
  body: Record<string, unknown>;
}

export interface FakeMomoOptions {
  store: FakeMomoStore;
  /** The one merchant this provider knows, with the keys it verifies and signs with. */
  partnerCode: string;
  accessKey: string;
  secretKey: string;
  /** An IPN that could not be delivered (MoMo does not say why to anyone; we log it). */
  onIpnError?: (error: Error) => void;
}

/** What happened when the payer pressed Pay or Decline. */
export type SettleResult =
  | { outcome: 'unknown' }
  | { outcome: 'not_pending'; payment: FakeMomoPayment }
  | { outcome: 'settled'; payment: FakeMomoPayment; redirectTo: string };

const IPN_TIMEOUT_MS = 15_000;

const MESSAGES = {
  0: { vi: 'Thành công.', en: 'Successful.' },
  1000: {
    vi: 'Giao dịch đã được khởi tạo, chờ người dùng xác nhận thanh toán.',
    en: 'Transaction is initiated, waiting for user confirmation.',
  },
  1006: { vi: 'Giao dịch bị từ chối bởi người dùng.', en: 'Transaction denied by user.' },
} as const;

/**
 * MoMo's side of a captureWallet payment for the demo: the create and query API with
 * MoMo's signatures, result codes and answers, its own record of each payment, and the
 * signed IPN to the `ipnUrl` it was given once the payer acts on the pay page.
 */
export class FakeMomo {
  readonly #store: FakeMomoStore;
  readonly #options: FakeMomoOptions;
  readonly #timers = new Set<NodeJS.Timeout>();
  #delivery: IpnDelivery = { mode: 'send', delayMs: 0 };

  constructor(options: FakeMomoOptions) {
    this.#store = options.store;
    this.#options = options;
  }

  get ipnDelivery(): IpnDelivery {
    return { ...this.#delivery };
  }

  set ipnDelivery(delivery: IpnDelivery) {
    this.#delivery = { ...delivery };
  }

  payment(orderId: string): FakeMomoPayment | undefined {
    return this.#store.byOrder(orderId);
  }

  /** `POST /v2/gateway/api/create` with its raw body; `payBase` is where a phone reaches the pay page. */
  create(text: string, payBase: string): MomoAnswer {
    const parsed = fakeMomoCreateRequestSchema.safeParse(parseJson(text));
    if (!parsed.success) return badFormat(subErrorsOf(parsed.error));
    const request = parsed.data;
    const refused = this.#checkPartner(request.partnerCode);
    if (refused) return refused;
    const signed = { ...request, requestType: 'captureWallet' };
    if (!verifyMomoCreateSignature(signed, request.signature, this.#options))
      return badSignature(buildMomoCreateRawSignature(signed, '*****'));
    if (request.amount < MOMO_MIN_AMOUNT || request.amount > MOMO_MAX_AMOUNT)
      return refusal(22, 'The transaction amount is out of range.', request);

    const existing = this.#store.byOrder(request.orderId);
    if (existing) {
      // MoMo is idempotent per requestId: the same create sent again gets the same answer.
      if (existing.requestId === request.requestId && existing.signature === request.signature)
        return { status: 200, body: createdBody(existing) };
      return refusal(41, 'Duplicated orderId.', request);
    }
    if (this.#store.byRequest(request.requestId))
      return refusal(40, 'Duplicated requestId.', request);

    const payUrl = `${payBase}${API_PATHS.mockMomoPay(request.orderId)}`;
    const payment = this.#store.insert({
      orderId: request.orderId,
      requestId: request.requestId,
      partnerCode: request.partnerCode,
      amount: request.amount,
      orderInfo: request.orderInfo,
      redirectUrl: request.redirectUrl,
      ipnUrl: request.ipnUrl,
      extraData: request.extraData,
      lang: request.lang ?? 'vi',
      signature: request.signature,
      payUrl,
      deeplink: `momo://app?action=payWithApp&isScanQR=false&serviceType=app&sid=${encodeURIComponent(request.orderId)}&v=3.0`,
      // The demo's QR is scanned by a phone camera, not by the MoMo app: it opens the pay page.
      qrCodeUrl: payUrl,
      createdAt: Date.now(),
    });
    return { status: 200, body: createdBody(payment) };
  }

  /** `POST /v2/gateway/api/query` with its raw body: answered by orderId, whatever requestId it carries. */
  query(text: string): MomoAnswer {
    const parsed = fakeMomoQueryRequestSchema.safeParse(parseJson(text));
    if (!parsed.success) return badFormat(subErrorsOf(parsed.error));
    const request = parsed.data;
    const refused = this.#checkPartner(request.partnerCode);
    if (refused) return refused;
    if (!verifyMomoQuerySignature(request, request.signature, this.#options))
      return badSignature(buildMomoQueryRawSignature(request, '*****'));
    const payment = this.#store.byOrder(request.orderId);
    if (!payment) return refusal(42, 'Invalid orderId or orderId is not found.', request);
    const lang = request.lang ?? payment.lang;
    return {
      status: 200,
      body: {
        partnerCode: payment.partnerCode,
        orderId: payment.orderId,
        requestId: request.requestId,
        extraData: payment.extraData,
        amount: payment.amount,
        transId: payment.transId ?? 0,
        payType: payment.payType,
        resultCode: payment.resultCode,
        message: messageFor(payment.resultCode, lang),
        responseTime: Date.now(),
        refundTrans: [],
      },
    };
  }

  /**
   * The payer pressed Pay or Decline: MoMo's record settles (0 or 1006) and the signed IPN
   * goes to the `ipnUrl` as the IPN delivery in force now says. Without a delay the IPNs are
   * sent before this resolves, so the pay page answers once the merchant has heard.
   */
  async settle(orderId: string, action: 'pay' | 'decline'): Promise<SettleResult> {
    const payment = this.#store.byOrder(orderId);
    if (!payment) return { outcome: 'unknown' };
    const resultCode = action === 'pay' ? 0 : 1006;
    if (!this.#store.settle(orderId, resultCode, randomInt(1_000_000_000, 9_999_999_999), 'qr'))
      return { outcome: 'not_pending', payment };
    const settled = this.#store.byOrder(orderId) as FakeMomoPayment;
    const values: MomoIpnSignedValues = {
      partnerCode: settled.partnerCode,
      orderId: settled.orderId,
      requestId: settled.requestId,
      amount: settled.amount,
      orderInfo: settled.orderInfo,
      orderType: 'momo_wallet',
      transId: settled.transId ?? 0,
      resultCode,
      message: messageFor(resultCode, settled.lang),
      payType: settled.payType,
      responseTime: Date.now(),
      extraData: settled.extraData,
    };
    const ipn = { ...values, signature: signMomoIpn(values, this.#options) };
    const { mode, delayMs } = this.#delivery;
    const copies = mode === 'drop' ? 0 : mode === 'twice' ? 2 : 1;
    const deliver = async () => {
      for (let copy = 0; copy < copies; copy += 1) await this.#post(settled.ipnUrl, ipn);
    };
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void deliver();
      }, delayMs);
      timer.unref();
      this.#timers.add(timer);
    } else {
      await deliver();
    }
    // MoMo sends the payer back to the merchant with the IPN's fields and signature.
    const query = new URLSearchParams(
      Object.entries(ipn).map(([key, value]) => [key, String(value)]),
    );
    const separator = settled.redirectUrl.includes('?') ? '&' : '?';
    return {
      outcome: 'settled',
      payment: settled,
      redirectTo: `${settled.redirectUrl}${separator}${query.toString()}`,
    };
  }

  /** Cancels IPNs still waiting for their delay (on close). */
  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #checkPartner(partnerCode: string): MomoAnswer | undefined {
    if (partnerCode === this.#options.partnerCode) return undefined;
    return refusal(13, 'Merchant authentication failed.', { partnerCode });
  }

  async #post(url: string, ipn: Record<string, unknown>): Promise<void> {
    const report = this.#options.onIpnError ?? ((error: Error) => console.warn(error.message));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(ipn),
        signal: AbortSignal.timeout(IPN_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.status !== 204)
        report(
          new Error(
            `fake MoMo: ${url} answered the IPN for ${String(ipn.orderId)} with HTTP ${response.status}`,
          ),
        );
    } catch (error) {
      report(
        new Error(`fake MoMo: could not deliver the IPN for ${String(ipn.orderId)} to ${url}`, {
          cause: error,
        }),
      );
    }
  }
}

/** The parsed body, or undefined for text that is not JSON (the schema then refuses it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageFor(resultCode: number, lang: 'vi' | 'en'): string {
  const messages = MESSAGES[resultCode as keyof typeof MESSAGES];
  return messages ? messages[lang] : `resultCode ${resultCode}`;
}

function createdBody(payment: FakeMomoPayment): Record<string, unknown> {
  return {
    partnerCode: payment.partnerCode,
    orderId: payment.orderId,
    requestId: payment.requestId,
    amount: payment.amount,
    responseTime: payment.createdAt,
    message: messageFor(0, payment.lang),
    resultCode: 0,
    payUrl: payment.payUrl,
    deeplink: payment.deeplink,
    qrCodeUrl: payment.qrCodeUrl,
  };
}

/** A refused request as MoMo answers it: HTTP 400, its resultCode, the request's ids echoed. */
function refusal(
  resultCode: number,
  message: string,
  request: { partnerCode?: string; orderId?: string; requestId?: string; amount?: number },
): MomoAnswer {
  return {
    status: 400,
    body: {
      partnerCode: request.partnerCode,
      orderId: request.orderId,
      requestId: request.requestId,
      amount: request.amount ?? 0,
      responseTime: Date.now(),
      message,
      resultCode,
    },
  };
}

/** MoMo's answer to a body it cannot use: HTTP 400, resultCode 20 and the fields at fault. */
function badFormat(subErrors: MomoSubError[]): MomoAnswer {
  return {
    status: 400,
    body: { responseTime: Date.now(), message: 'Bad format request.', resultCode: 20, subErrors },
  };
}

/**
 * A signature that does not match, answered as MoMo's test environment answers it: 400,
 * resultCode 20, and a `signature` sub-error quoting the raw string it expected (here with
 * the access key masked).
 */
function badSignature(raw: string): MomoAnswer {
  return badFormat([
    {
      field: 'signature',
      message: `Chữ ký không hợp lệ. Vui lòng kiểm tra dữ liệu gốc trước khi mã hóa : ${raw}.`,
    },
  ]);
}
