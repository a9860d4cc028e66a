import type { TransactionSnapshot } from '@paysocket/protocol';
import { useEffect, useState } from 'react';
import { useLocale } from './LocaleContext';
import { StatusIcon } from './StatusIcon';

interface PendingDepositsProps {
  /** The history as the server last sent it. */
  items: TransactionSnapshot[];
  /** When that history arrived (this page's clock). */
  receivedAt: number;
  onReopen: (deposit: TransactionSnapshot) => void;
}

/** When a deposit stops being payable, on this page's clock (the server's may differ). */
function localExpiry(deposit: TransactionSnapshot, receivedAt: number): number | null {
  if (!deposit.expiresAt) return null;
  const expiresAt = Date.parse(deposit.expiresAt);
  return deposit.serverTime ? receivedAt + expiresAt - Date.parse(deposit.serverTime) : expiresAt;
}

/**
 * Deposits still waiting for payment, found in the history, so a QR closed or lost to a
 * reload can be shown again until it expires.
 */
export function PendingDeposits({ items, receivedAt, onReopen }: PendingDepositsProps) {
  const { m } = useLocale();
  const [now, setNow] = useState(() => Date.now());
  const pending = items.flatMap((item) => {
    if (item.type !== 'deposit' || item.status !== 'pending') return [];
    const expiry = localExpiry(item, receivedAt);
    return expiry === null || expiry > now ? [{ item, expiry }] : [];
  });
  const nextExpiry = Math.min(...pending.map(({ expiry }) => expiry ?? Infinity));

  // Re-render when the next one expires, so its button goes away with it.
  useEffect(() => {
    if (!Number.isFinite(nextExpiry)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(nextExpiry - Date.now(), 0) + 50);
    return () => clearTimeout(timer);
  }, [nextExpiry]);

  if (pending.length === 0) return null;
  const timeFormat = new Intl.DateTimeFormat(m.dateLocale, { timeStyle: 'short' });
  return (
    <section className="card pending" aria-labelledby="pending-title">
      <h2 id="pending-title">{m.pendingTitle}</h2>
      <ul className="pending-list">
        {pending.map(({ item, expiry }) => (
          <li key={item.transactionId} data-transaction-id={item.transactionId}>
            <span id={`pending-${item.transactionId}`}>
              <StatusIcon name="waiting" />{' '}
              {m.pendingDeposit(item.amount, expiry === null ? '—' : timeFormat.format(expiry))}
            </span>
            <button
              type="button"
              className="secondary"
              aria-describedby={`pending-${item.transactionId}`}
              onClick={() => onReopen(item)}
            >
              {m.reopenQr}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
