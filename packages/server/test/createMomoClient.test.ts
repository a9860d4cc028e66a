/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies are checked by the assertions, not by types */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MomoApiError,
  buildMomoCreateRawSignature,
  buildMomoQueryRawSignature,
  createMomoClient,
  signMomoCreateRequest,
  verifyMomoCreateSignature,
  verifyMomoQuerySignature,
  type MomoCreatePaymentRequest,
} from '../src/index';

const KEYS = {
  partnerCode: 'MOMOTEST2024',
  accessKey: 'test-access-key',
  secretKey: 'test-secret-key-0123456789abcdef',
};

const CREATE: MomoCreatePaymentRequest = {
  orderId: 'MOMO1795700000000abc',
  requestId: 'req-0001',
  amount: 50_000,
  orderInfo: 'Nạp 50.000 ₫ vào ví',
  redirectUrl: 'https://merchant.example/wallet',
  ipnUrl: 'https://merchant.example/api/v1/payment/momo/callback',
  extraData: 'eyJ1c2VybmFtZSI6Im1vbW8ifQ==',
  lang: 'vi',
};

// Expected signatures computed outside this code, with
//   printf '%s' "$RAW" | openssl dgst -sha256 -hmac 'test-secret-key-0123456789abcdef' -r
// over the raw strings below (UTF-8, Vietnamese text included).
const CREATE_RAW =
  'accessKey=test-access-key&amount=50000&extraData=eyJ1c2VybmFtZSI6Im1vbW8ifQ==' +
  '&ipnUrl=https://merchant.example/api/v1/payment/momo/callback&orderId=MOMO1795700000000abc' +
  '&orderInfo=Nạp 50.000 ₫ vào ví&partnerCode=MOMOTEST2024&redirectUrl=https://merchant.example/wallet' +
  '&requestId=req-0001&requestType=captureWallet';
const CREATE_SIGNATURE = '50e450a5432021ef9577f41a31227d81579d0b9c1c209487222342920b8c58a2';
const QUERY_RAW =
  'accessKey=test-access-key&orderId=MOMO1795700000000abc&partnerCode=MOMOTEST2024&requestId=query-0002';
const QUERY_SIGNATURE = 'abaf5a4c38fad6ebc5cde3603f7c90b5c02966f691110973364d2f7400e99de4';

type Reply = (request: IncomingMessage, response: ServerResponse, body: unknown) => void;

interface FakeMomo {
  endpoint: string;
  received: Array<{ path: string | undefined; headers: IncomingMessage['headers']; body: any }>;
  /** Replies to use in order; the last one repeats. */
  replies: Reply[];
  close(): Promise<void>;
}

let fake: FakeMomo | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A real HTTP server on 127.0.0.1, port 0, that answers as told. */
async function startFakeMomo(...replies: Reply[]): Promise<FakeMomo> {
  const received: FakeMomo['received'] = [];
  const state: FakeMomo = { endpoint: '', received, replies, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      received.push({ path: request.url, headers: request.headers, body });
      const reply = state.replies[Math.min(received.length - 1, state.replies.length - 1)];
      reply?.(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

const json =
  (status: number, make: (body: any) => unknown): Reply =>
  (_request, response, body) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(make(body)));
  };

/** MoMo's create answer, echoing what was asked. */
const created = json(200, (body) => ({
  partnerCode: body.partnerCode,
  orderId: body.orderId,
  requestId: body.requestId,
  amount: body.amount,
  responseTime: 1_795_700_000_123,
  message: 'Thành công.',
  resultCode: 0,
  payUrl: `https://test-payment.momo.vn/v2/gateway/pay?t=${body.orderId}`,
  deeplink: `momo://app?action=payWithApp&sid=${body.orderId}`,
  qrCodeUrl: `momo://app?action=payWithApp&isScanQR=true&sid=${body.orderId}`,
}));

const queried = (resultCode: number, transId = 0) =>
  json(200, (body) => ({
    partnerCode: body.partnerCode,
    orderId: body.orderId,
    requestId: body.requestId,
    extraData: '',
    amount: 50_000,
    transId,
    payType: transId ? 'qr' : '',
    resultCode,
    message:
      resultCode === 0
        ? 'Thành công.'
        : 'Giao dịch đã được khởi tạo, chờ người dùng xác nhận thanh toán.',
    responseTime: 1_795_700_000_456,
    refundTrans: [],
  }));

/** Never answers: the client's timeout must end it. */
const hang: Reply = () => undefined;
/** Closes the connection without an HTTP answer. */
const reset: Reply = (request) => request.socket.destroy();

function client(overrides: Partial<Parameters<typeof createMomoClient>[0]> = {}) {
  if (!fake) throw new Error('start the fake first');
  return createMomoClient({ endpoint: fake.endpoint, ...KEYS, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<MomoApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MomoApiError);
  return error as MomoApiError;
}

describe('MoMo request signatures', () => {
  it('builds the create and query raw strings as MoMo documents them and signs them like openssl', () => {
    const signed = {
      partnerCode: KEYS.partnerCode,
      requestType: 'captureWallet',
      orderId: CREATE.orderId,
      requestId: CREATE.requestId,
      amount: CREATE.amount,
      orderInfo: CREATE.orderInfo,
      redirectUrl: CREATE.redirectUrl,
      ipnUrl: CREATE.ipnUrl,
      extraData: CREATE.extraData ?? '',
    };
    expect(buildMomoCreateRawSignature(signed, KEYS.accessKey)).toBe(CREATE_RAW);
    expect(signMomoCreateRequest(signed, KEYS)).toBe(CREATE_SIGNATURE);
    expect(verifyMomoCreateSignature(signed, CREATE_SIGNATURE, KEYS)).toBe(true);
    expect(verifyMomoCreateSignature(signed, CREATE_SIGNATURE.toUpperCase(), KEYS)).toBe(false);
    expect(verifyMomoCreateSignature({ ...signed, amount: 50_001 }, CREATE_SIGNATURE, KEYS)).toBe(
      false,
    );
    const query = {
      partnerCode: KEYS.partnerCode,
      orderId: CREATE.orderId,
      requestId: 'query-0002',
    };
    expect(buildMomoQueryRawSignature(query, KEYS.accessKey)).toBe(QUERY_RAW);
    expect(verifyMomoQuerySignature(query, QUERY_SIGNATURE, KEYS)).toBe(true);
    expect(verifyMomoQuerySignature(query, QUERY_SIGNATURE, { ...KEYS, secretKey: 'x' })).toBe(
      false,
    );
  });
});

describe('createMomoClient over HTTP', () => {
  it('createPayment posts MoMo’s fields, signed, and resolves MoMo’s body', async () => {
    fake = await startFakeMomo(created);
    const result = await client().createPayment(CREATE);
    expect(fake.received).toHaveLength(1);
    const [sent] = fake.received;
    expect(sent?.path).toBe('/v2/gateway/api/create');
    expect(sent?.headers['content-type']).toMatch(/^application\/json/);
    expect(sent?.body).toEqual({
      partnerCode: 'MOMOTEST2024',
      requestType: 'captureWallet',
      orderId: CREATE.orderId,
      requestId: CREATE.requestId,
      amount: 50_000,
      orderInfo: CREATE.orderInfo,
      redirectUrl: CREATE.redirectUrl,
      ipnUrl: CREATE.ipnUrl,
      extraData: CREATE.extraData,
      lang: 'vi',
      signature: CREATE_SIGNATURE,
    });
    expect(result).toMatchObject({
      resultCode: 0,
      orderId: CREATE.orderId,
      amount: 50_000,
      payUrl: `https://test-payment.momo.vn/v2/gateway/pay?t=${CREATE.orderId}`,
      deeplink: `momo://app?action=payWithApp&sid=${CREATE.orderId}`,
      qrCodeUrl: `momo://app?action=payWithApp&isScanQR=true&sid=${CREATE.orderId}`,
    });
  });

  it('queryPayment posts the signed query and resolves MoMo’s body, pending included', async () => {
    fake = await startFakeMomo(queried(1000), queried(0, 4_088_878_653));
    const momo = client({ endpoint: `${fake.endpoint}/` });
    const pending = await momo.queryPayment({ orderId: CREATE.orderId, requestId: 'query-0002' });
    expect(fake.received[0]?.path).toBe('/v2/gateway/api/query');
    expect(fake.received[0]?.body).toEqual({
      partnerCode: 'MOMOTEST2024',
      orderId: CREATE.orderId,
      requestId: 'query-0002',
      lang: 'vi',
      signature: QUERY_SIGNATURE,
    });
    expect(pending).toMatchObject({ resultCode: 1000, transId: 0, orderId: CREATE.orderId });
    const paid = await momo.queryPayment({
      orderId: CREATE.orderId,
      requestId: 'query-0003',
      lang: 'en',
    });
    expect(fake.received[1]?.body).toMatchObject({ requestId: 'query-0003', lang: 'en' });
    expect(paid).toMatchObject({ resultCode: 0, transId: 4_088_878_653, refundTrans: [] });
  });

  it('sends every call through the fetch option', async () => {
    fake = await startFakeMomo(created);
    const urls: string[] = [];
    const momo = client({
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    await momo.createPayment(CREATE);
    expect(urls).toEqual([`${fake.endpoint}/v2/gateway/api/create`]);
  });

  it('times out a request MoMo does not answer', async () => {
    fake = await startFakeMomo(hang);
    const error = await failure(client({ timeoutMs: 150, retries: 0 }).createPayment(CREATE));
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1, resultCode: undefined });
    expect(fake.received).toHaveLength(1);
  });

  it('resends an unanswered request with the same requestId and signature, then succeeds', async () => {
    fake = await startFakeMomo(hang, reset, created);
    const result = await client({ timeoutMs: 150, retries: 2 }).createPayment(CREATE);
    expect(result.resultCode).toBe(0);
    expect(fake.received).toHaveLength(3);
    for (const { body } of fake.received) {
      expect(body).toMatchObject({ requestId: CREATE.requestId, signature: CREATE_SIGNATURE });
    }
  });

  it('gives up after the configured retries', async () => {
    fake = await startFakeMomo(reset);
    const error = await failure(client({ retries: 1 }).queryPayment(CREATE));
    expect(error).toMatchObject({ kind: 'network', attempts: 2 });
    expect(fake.received).toHaveLength(2);
  });

  it('rejects a refusal with MoMo’s resultCode and does not resend it', async () => {
    fake = await startFakeMomo(
      json(400, () => ({
        responseTime: 1_795_700_000_000,
        message: 'Bad format request.',
        resultCode: 20,
        subErrors: [{ field: 'signature', message: 'Chữ ký không hợp lệ.' }],
      })),
    );
    const error = await failure(client({ retries: 3 }).createPayment(CREATE));
    expect(error).toMatchObject({ kind: 'rejected', resultCode: 20, status: 400, attempts: 1 });
    expect(error.message).toContain('Bad format request.');
    expect(fake.received).toHaveLength(1);
  });

  it('rejects a create answered with a non-zero resultCode (duplicate orderId)', async () => {
    fake = await startFakeMomo(
      json(200, (body) => ({
        partnerCode: body.partnerCode,
        orderId: body.orderId,
        requestId: body.requestId,
        amount: body.amount,
        responseTime: 1,
        message: 'Duplicated orderId.',
        resultCode: 41,
      })),
    );
    const error = await failure(client().createPayment(CREATE));
    expect(error).toMatchObject({ kind: 'rejected', resultCode: 41 });
  });

  it('rejects a query whose resultCode refuses the request itself (unknown order)', async () => {
    fake = await startFakeMomo(json(400, () => ({ resultCode: 42, message: 'Invalid orderId' })));
    const error = await failure(client().queryPayment({ orderId: 'nope', requestId: 'q' }));
    expect(error).toMatchObject({ kind: 'rejected', resultCode: 42 });
  });

  it('refuses an answer that is not JSON, and resends after a 5xx page', async () => {
    fake = await startFakeMomo((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>ok</html>');
    });
    expect(await failure(client().createPayment(CREATE))).toMatchObject({
      kind: 'invalid_response',
      body: '<html>ok</html>',
    });
    await fake.close();
    fake = await startFakeMomo((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    expect(await failure(client({ retries: 1 }).createPayment(CREATE))).toMatchObject({
      kind: 'http',
      status: 502,
      attempts: 2,
    });
    expect(fake.received).toHaveLength(2);
  });

  it('refuses an answer about another order, request, partner or amount (MoMo does not sign it)', async () => {
    const cases: Array<[string, unknown]> = [
      ['orderId', 'MOMO-other'],
      ['requestId', 'req-other'],
      ['partnerCode', 'MOMOOTHER'],
      ['amount', 5_000_000],
    ];
    for (const [field, value] of cases) {
      fake = await startFakeMomo(
        json(200, (body) => ({
          partnerCode: body.partnerCode,
          orderId: body.orderId,
          requestId: body.requestId,
          amount: body.amount,
          responseTime: 1,
          message: 'Thành công.',
          resultCode: 0,
          payUrl: 'https://test-payment.momo.vn/pay',
          [field]: value,
        })),
      );
      const error = await failure(client().createPayment(CREATE));
      expect(error.kind, field).toBe('mismatch');
      expect(error.message).toContain(field);
      await fake.close();
    }
    fake = await startFakeMomo(
      json(200, (body) => ({
        ...body,
        resultCode: 1000,
        amount: 1,
        transId: 0,
        message: '',
        responseTime: 1,
        orderId: 'x',
      })),
    );
    expect(await failure(client().queryPayment(CREATE))).toMatchObject({ kind: 'mismatch' });
  });

  it('refuses a success without a usable payUrl', async () => {
    fake = await startFakeMomo(
      json(200, (body) => ({
        partnerCode: body.partnerCode,
        orderId: body.orderId,
        requestId: body.requestId,
        amount: body.amount,
        responseTime: 1,
        message: 'Thành công.',
        resultCode: 0,
        payUrl: 'javascript:alert(1)',
      })),
    );
    const error = await failure(client().createPayment(CREATE));
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect(error.message).toContain('payUrl');
  });
});

describe('createMomoClient input checks', () => {
  it('refuses bad options at creation', () => {
    const base = { endpoint: 'https://test-payment.momo.vn', ...KEYS };
    expect(() => createMomoClient({ ...base, endpoint: 'ftp://momo.vn' })).toThrow(TypeError);
    expect(() => createMomoClient({ ...base, endpoint: 'https://momo.vn/?x=1' })).toThrow(
      TypeError,
    );
    expect(() => createMomoClient({ ...base, secretKey: '' })).toThrow(/secretKey/);
    expect(() => createMomoClient({ ...base, timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createMomoClient({ ...base, timeoutMs: 2 ** 31 })).toThrow(RangeError);
    expect(() => createMomoClient({ ...base, retries: -1 })).toThrow(RangeError);
  });

  it('refuses every bad field before sending anything', async () => {
    fake = await startFakeMomo(created);
    const momo = client();
    const bad: Array<[Partial<Record<keyof MomoCreatePaymentRequest, unknown>>, ErrorConstructor]> =
      [
        [{ amount: 999 }, RangeError],
        [{ amount: 50_000_001 }, RangeError],
        [{ amount: 10_000.5 }, TypeError],
        [{ amount: '10000' }, TypeError],
        [{ orderId: '' }, TypeError],
        [{ orderId: '-abc' }, TypeError],
        [{ orderId: 'abc-' }, TypeError],
        [{ orderId: 'a b' }, TypeError],
        [{ orderId: 'a'.repeat(201) }, TypeError],
        [{ requestId: '' }, TypeError],
        [{ requestId: 'r'.repeat(51) }, TypeError],
        [{ orderInfo: '' }, TypeError],
        [{ redirectUrl: 'javascript:alert(1)' }, TypeError],
        [{ ipnUrl: 'not a url' }, TypeError],
        [{ extraData: '{"a":1}' }, TypeError],
        [{ lang: 'fr' }, TypeError],
      ];
    for (const [change, type] of bad) {
      const request = { ...CREATE, ...change } as MomoCreatePaymentRequest;
      await expect(momo.createPayment(request), JSON.stringify(change)).rejects.toThrow(type);
    }
    await expect(momo.queryPayment({ orderId: 'ok', requestId: 'r'.repeat(51) })).rejects.toThrow(
      TypeError,
    );
    await expect(momo.queryPayment({ orderId: 'a..', requestId: 'r' })).rejects.toThrow(TypeError);
    expect(fake.received).toHaveLength(0);
  });

  it('accepts exactly the orderIds MoMo’s own pattern accepts, and long near-misses fast', async () => {
    fake = await startFakeMomo(created);
    const momo = client();
    const momoPattern = /^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$/;
    const alphabet = ['a', 'Z', '7', '-', '_', '.', ' ', '!'];
    const samples: string[] = [];
    for (let n = 0; n < 400; n += 1) {
      let id = '';
      let x = n * 2654435761;
      for (let i = 0; i < 1 + (n % 7); i += 1) {
        id += alphabet[x % alphabet.length];
        x = Math.floor(x / alphabet.length) + 17 * i;
      }
      samples.push(id);
    }
    for (const orderId of samples) {
      const attempt = momo.createPayment({ ...CREATE, orderId });
      if (momoPattern.test(orderId)) await expect(attempt, orderId).resolves.toBeDefined();
      else await expect(attempt, orderId).rejects.toThrow(TypeError);
    }
    // MoMo's literal pattern backtracks exponentially on this; ours must refuse it at once.
    await expect(momo.createPayment({ ...CREATE, orderId: `${'a'.repeat(190)}!` })).rejects.toThrow(
      TypeError,
    );
  });
});
