import { useState } from 'react';
import { announcedRemaining, announcementKey } from './countdownAnnouncement';
import type { DepositQRMessages } from './messages';

/**
 * The sentence the polite live region holds for the countdown. It changes only when
 * {@link announcementKey} does, so screen readers hear the time at a calm cadence.
 */
export function useCountdownAnnouncement(
  remainingMs: number | null,
  m: DepositQRMessages,
  silent: boolean,
): string {
  const key = remainingMs === null || silent ? null : announcementKey(remainingMs);
  const [announced, setAnnounced] = useState<{ key: string | null; text: string }>({
    key: null,
    text: '',
  });
  if (key !== announced.key) {
    let text = '';
    if (key !== null && remainingMs !== null && remainingMs > 0) {
      const spoken = announcedRemaining(remainingMs);
      text =
        spoken.unit === 'minutes'
          ? m.announceMinutes(spoken.value)
          : m.announceSeconds(spoken.value);
    }
    setAnnounced({ key, text });
  }
  return announced.text;
}
