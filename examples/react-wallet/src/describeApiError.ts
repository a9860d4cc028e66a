import type { WalletMessages } from './messages';
import { WalletApiError } from './walletApi';

/** A sentence for the user about a failed call; the server's own message when it sent one. */
export function describeApiError(error: unknown, m: WalletMessages): string {
  if (error instanceof WalletApiError) {
    if (error.code === 'UNREACHABLE') return m.unreachable;
    if (error.status === 401) return m.sessionExpired;
    return error.message;
  }
  return String(error);
}
