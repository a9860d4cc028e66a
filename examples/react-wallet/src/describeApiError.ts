import { WalletApiError } from './walletApi';

/** A sentence for the user about a failed call; the server's own message when it sent one. */
export function describeApiError(error: unknown): string {
  if (error instanceof WalletApiError) {
    if (error.code === 'UNREACHABLE') {
      return 'Không kết nối được máy chủ. Kiểm tra máy chủ demo đang chạy rồi thử lại.';
    }
    if (error.status === 401) return 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
    return error.message;
  }
  return String(error);
}
