import type { TransactionSnapshot, TransactionStatus } from '@paysocket/protocol';
import { formatVnd } from './formatVnd';

const STATUS_LABELS: Record<TransactionStatus, string> = {
  pending: 'Đang chờ',
  completed: 'Thành công',
  failed: 'Thất bại',
  cancelled: 'Đã huỷ',
};

const dateFormat = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short' });

interface TransactionHistoryProps {
  items: TransactionSnapshot[];
  hasMore: boolean;
  onLoadMore: () => Promise<void>;
}

/** `GET /api/v1/payment/transactions`, newest first. */
export function TransactionHistory({ items, hasMore, onLoadMore }: TransactionHistoryProps) {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Lịch sử giao dịch</h2>
      {items.length === 0 ? (
        <p className="muted">Chưa có giao dịch nào.</p>
      ) : (
        <table data-testid="history">
          <thead>
            <tr>
              <th scope="col">Thời gian</th>
              <th scope="col">Loại</th>
              <th scope="col">Số tiền</th>
              <th scope="col">Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.transactionId} data-transaction-id={item.transactionId}>
                <td>{dateFormat.format(new Date(item.createdAt))}</td>
                <td>{item.type === 'deposit' ? 'Nạp tiền' : 'Rút tiền'}</td>
                <td className="amount">{formatVnd(item.amount)}</td>
                <td data-status={item.status}>
                  {STATUS_LABELS[item.status]}
                  {item.reason ? ` (${item.reason})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && (
        <button type="button" className="secondary" onClick={() => void onLoadMore()}>
          Xem thêm
        </button>
      )}
    </section>
  );
}
