import { describe, expect, test } from 'vitest';
import {
  announcedRemaining,
  announcementKey,
  formatClock,
} from '../../src/modal/countdownAnnouncement';

describe('countdown wording', () => {
  test('the announcement key changes every 3 min above 5 min, every minute under 5, every 30 s under 1', () => {
    const changes: number[] = [];
    let previous = announcementKey(15 * 60_000);
    for (let seconds = 15 * 60 - 1; seconds >= 0; seconds--) {
      const key = announcementKey(seconds * 1000);
      if (key !== previous) changes.push(seconds);
      previous = key;
    }
    expect(changes).toEqual([720, 540, 360, 300, 240, 180, 120, 60, 30, 0]);
  });

  test('announced time is whole minutes, or 30 seconds at the end', () => {
    expect(announcedRemaining(539_000)).toEqual({ unit: 'minutes', value: 9 });
    expect(announcedRemaining(60_000)).toEqual({ unit: 'minutes', value: 1 });
    expect(announcedRemaining(29_000)).toEqual({ unit: 'seconds', value: 30 });
  });

  test('the visible clock is mm:ss rounded up to the second and never negative', () => {
    expect(formatClock(8 * 60_000 + 41_200)).toBe('08:42');
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(-5_000)).toBe('00:00');
  });
});
