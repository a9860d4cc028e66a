import type { TransactionSnapshot, TransactionStatus } from '@paysocket/protocol';
import { formatVnd } from './formatVnd';
import { useLocale } from './LocaleContext';
import { statusWord } from './messages';
import { StatusIcon, type StatusIconName } from './StatusIcon';

interface TransactionHistoryProps {
  items: TransactionSnapshot[];
  hasMore: boolean;
  onLoadMore: () => Promise<void>;
}

function iconFor(status: TransactionStatus, reason: string | undefined): StatusIconName {
  if (status === 'completed') return 'done';
  if (status === 'pending') return 'waiting';
  return reason === 'expired' ? 'expired' : 'failed';
}

/** Reasons the status word already says need no second line. */
const SAID_BY_STATUS = new Set(['expired', 'declined', 'user_cancelled']);

/** `GET /api/v1/payment/transactions`, newest first. */
export function TransactionHistory({ items, hasMore, onLoadMore }: TransactionHistoryProps) {
  const { m } = useLocale();
  const dateFormat = new Intl.DateTimeFormat(m.dateLocale, {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{m.historyTitle}</h2>
      {items.length === 0 ? (
        <p className="muted">{m.noHistory}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="history">
            <thead>
              <tr>
                <th scope="col">{m.columns.time}</th>
                <th scope="col">{m.columns.type}</th>
                <th scope="col">{m.columns.amount}</th>
                <th scope="col">{m.columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const why =
                  item.reason && !SAID_BY_STATUS.has(item.reason) ? m.reason(item.reason) : null;
                return (
                  <tr key={item.transactionId} data-transaction-id={item.transactionId}>
                    <td>{dateFormat.format(new Date(item.createdAt))}</td>
                    <td>{m.type[item.type]}</td>
                    <td className="amount">{formatVnd(item.amount)}</td>
                    <td
                      data-status={item.status}
                      className={`status status-${item.reason === 'expired' ? 'expired' : item.status}`}
                    >
                      <StatusIcon name={iconFor(item.status, item.reason)} />{' '}
                      {statusWord(m, item.status, item.reason)}
                      {why && <span className="reason">{why}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {hasMore && (
        <button type="button" className="secondary" onClick={() => void onLoadMore()}>
          {m.showMore}
        </button>
      )}
    </section>
  );
}
