import type { PaymentEvent } from '@paysocket/protocol';
import { useLocale } from './LocaleContext';
import type { WalletMessages } from './messages';
import { StatusIcon, type StatusIconName } from './StatusIcon';

/** One payment event as it arrived; worded when shown, so it follows the language. */
export interface FeedEntry {
  key: string;
  event: PaymentEvent;
}

function describe(m: WalletMessages, event: PaymentEvent): { icon: StatusIconName; text: string } {
  switch (event.type) {
    case 'deposit_completed':
      return { icon: 'done', text: m.depositCompleted(event.amount, event.newBalance) };
    case 'withdrawal_completed':
      return { icon: 'done', text: m.withdrawalCompleted(event.amount, event.newBalance) };
    case 'payment_status_update': {
      const reason = event.metadata?.reason;
      const icon: StatusIconName =
        event.status === 'pending'
          ? 'waiting'
          : event.status === 'completed'
            ? 'done'
            : reason === 'expired'
              ? 'expired'
              : 'failed';
      return {
        icon,
        text: m.statusUpdate(event.transactionType, event.amount, event.status, reason),
      };
    }
  }
}

/** Every payment event the page received, newest first, as it arrived. */
export function EventFeed({ entries }: { entries: FeedEntry[] }) {
  const { m } = useLocale();
  const timeFormat = new Intl.DateTimeFormat(m.dateLocale, { timeStyle: 'medium' });
  return (
    <section className="card" aria-labelledby="feed-title">
      <h2 id="feed-title">{m.feedTitle}</h2>
      {entries.length === 0 ? (
        <p className="muted">{m.noFeed}</p>
      ) : (
        <ul className="feed" data-testid="event-feed">
          {entries.map(({ key, event }) => {
            const { icon, text } = describe(m, event);
            return (
              <li key={key} data-transaction-id={event.transactionId}>
                <StatusIcon name={icon} />{' '}
                <time dateTime={event.timestamp}>
                  {timeFormat.format(new Date(event.timestamp))}
                </time>{' '}
                {text}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
