import {
  API_PATHS,
  type LoginResponse,
  type TransactionSnapshot,
  type TransactionsPage,
  type Wallet,
} from '@paysocket/protocol';

/** Why a call to the backend failed, in a form the page can word for the user. */
export class WalletApiError extends Error {
  constructor(
    /** `UNREACHABLE` when no answer came back (server down, proxy without backend, offline). */
    readonly code: string,
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'WalletApiError';
  }
}

/** Statuses a proxy answers with when the backend behind it does not answer. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

async function request<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (cause) {
    throw new WalletApiError('UNREACHABLE', `No answer from the server: ${String(cause)}`, null);
  }
  if (GATEWAY_STATUSES.has(response.status)) {
    throw new WalletApiError(
      'UNREACHABLE',
      `The server is unreachable (${response.status})`,
      response.status,
    );
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new WalletApiError(
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `HTTP ${response.status}`,
      response.status,
    );
  }
  return body as T;
}

/** The reference server's REST API, called on the page's own origin (see vite.config.ts). */
export const walletApi = {
  login: (userId: string) =>
    request<LoginResponse>(API_PATHS.login, { method: 'POST', body: { userId } }),
  logout: () => request<void>(API_PATHS.logout, { method: 'POST' }),
  wallet: () => request<Wallet>(API_PATHS.wallet),
  deposit: (amount: number) =>
    request<TransactionSnapshot>(API_PATHS.deposit, {
      method: 'POST',
      body: { amount, provider: 'momo' },
    }),
  cancelDeposit: (transactionId: string) =>
    request<TransactionSnapshot | undefined>(API_PATHS.cancelDeposit(transactionId), {
      method: 'POST',
    }),
  /** The owner's transaction, or null when the server does not know it (404). */
  transaction: async (transactionId: string): Promise<TransactionSnapshot | null> => {
    try {
      return await request<TransactionSnapshot>(API_PATHS.transaction(transactionId));
    } catch (error) {
      if (error instanceof WalletApiError && error.status === 404) return null;
      throw error;
    }
  },
  withdraw: (amount: number) =>
    request<TransactionSnapshot>(API_PATHS.withdraw, { method: 'POST', body: { amount } }),
  transactions: (cursor?: string) =>
    request<TransactionsPage>(
      `${API_PATHS.transactions}?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
};
