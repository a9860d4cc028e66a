export interface FeedEntry {
  key: string;
  transactionId: string;
  text: string;
  /** The event's ISO timestamp. */
  at: string;
}

const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeStyle: 'medium' });

/** Every payment event the page received, newest first, as it arrived. */
export function EventFeed({ entries }: { entries: FeedEntry[] }) {
  return (
    <section className="card" aria-labelledby="feed-title">
      <h2 id="feed-title">Thông báo</h2>
      {entries.length === 0 ? (
        <p className="muted">Chưa có thông báo nào.</p>
      ) : (
        <ul className="feed" data-testid="event-feed">
          {entries.map((entry) => (
            <li key={entry.key} data-transaction-id={entry.transactionId}>
              <time dateTime={entry.at}>{timeFormat.format(new Date(entry.at))}</time> {entry.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
