import type { TransactionSnapshot } from '@paysocket/protocol';
import { signMomoIpn, type MomoIpnSignedValues } from '@paysocket/server';
import { TEST_MOMO } from './startBackend';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request to the backend, as a non-browser caller (no Origin) unless headers say otherwise. */
export async function call<T = unknown>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}

export async function login(base: string, userId: string): Promise<string> {
  const answer = await call<{ token: string }>(`${base}/api/v1/auth/login`, { body: { userId } });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status}`);
  return answer.body.token;
}

export async function createDeposit(
  base: string,
  token: string,
  amount: number,
): Promise<TransactionSnapshot> {
  const answer = await call<TransactionSnapshot>(`${base}/api/v1/payment/deposit`, {
    token,
    body: { amount, provider: 'momo' },
  });
  if (answer.status !== 201) throw new Error(`deposit failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function balance(base: string, token: string): Promise<number> {
  return (await call<{ balance: number }>(`${base}/api/v1/wallet`, { token })).body.balance;
}

/** The payer presses Pay (or Decline) on the fake provider's page: MoMo then sends the IPN. */
export async function actOnPayPage(paymentUrl: string, action: 'pay' | 'decline'): Promise<number> {
  const response = await fetch(paymentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return response.status;
}

/** An IPN body for a deposit, signed with `keys` (MoMo's unless a test forges it). */
export function ipnFor(
  deposit: Pick<TransactionSnapshot, 'transactionId' | 'amount'>,
  overrides: Partial<MomoIpnSignedValues> = {},
  keys: { accessKey: string; secretKey: string } = TEST_MOMO,
): Record<string, unknown> {
  const values: MomoIpnSignedValues = {
    partnerCode: TEST_MOMO.partnerCode,
    orderId: deposit.transactionId,
    requestId: `req-${deposit.transactionId}`,
    amount: deposit.amount,
    orderInfo: 'test',
    orderType: 'momo_wallet',
    transId: 4_100_000_001,
    resultCode: 0,
    message: 'Thành công.',
    payType: 'qr',
    responseTime: Date.now(),
    extraData: '',
    ...overrides,
  };
  return { ...values, signature: signMomoIpn(values, keys) };
}
