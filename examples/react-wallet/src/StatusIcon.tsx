/** The shapes the page's status lines use: drawn inline, so no emoji font is needed. */
export type StatusIconName =
  'live' | 'listening' | 'waiting' | 'offline' | 'locked' | 'error' | 'done' | 'failed' | 'expired';

const PATHS: Record<StatusIconName, string> = {
  live: 'M12 7a5 5 0 1 1 0 10a5 5 0 1 1 0-10z',
  listening:
    'M12 10a2 2 0 1 1 0 4a2 2 0 1 1 0-4z M7.8 7.8a6 6 0 0 0 0 8.4 M16.2 7.8a6 6 0 0 1 0 8.4 M5 5a10 10 0 0 0 0 14 M19 5a10 10 0 0 1 0 14',
  waiting: 'M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z M12 7v5l3 2',
  offline: 'M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z M5.6 5.6l12.8 12.8',
  locked: 'M6 11h12v9H6z M8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  error: 'M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z M12 7.5v5.5 M12 16v.5',
  done: 'M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z M8 12.5l2.8 2.8L16.5 9.5',
  failed: 'M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z M9 9l6 6 M15 9l-6 6',
  expired: 'M7 3h10 M7 21h10 M8 3c0 5 8 5 8 9s-8 4-8 9 M16 3c0 5-8 5-8 9s8 4 8 9',
};

/** A 1em icon in the text's colour; decorative, since the words beside it say it all. */
export function StatusIcon({ name }: { name: StatusIconName }) {
  const filled = name === 'live';
  return (
    <svg
      className={`icon icon-${name}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
