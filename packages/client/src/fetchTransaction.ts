import { API_PATHS } from '@paysocket/protocol';

/**
 * `GET {apiUrl}/api/v1/payment/transactions/:id` with the session cookie, or a Bearer token when
 * one is given. 404 (not found, or not this user's) answers null; other failures throw. The
 * body is returned unchecked: the caller validates every look-up result alike.
 */
export async function fetchTransaction(
  apiUrl: string,
  transactionId: string,
  token: string | undefined,
  headers: Record<string, string> | undefined,
): Promise<unknown> {
  const res = await fetch(apiUrl.replace(/\/$/, '') + API_PATHS.transaction(transactionId), {
    // Token mode must not need the server's CORS-with-credentials.
    credentials: token === undefined ? 'include' : 'same-origin',
    headers: token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` },
  });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}
