import { useInsertionEffect, useRef, type RefObject } from 'react';

/**
 * A ref that always holds the value of the last committed render. Listeners read callbacks
 * through it, so subscription effects never list callbacks in their deps and an inline arrow
 * never resubscribes. It is written during commit (not render), so a render React throws
 * away never leaks its callbacks; the insertion phase runs before any effect that could call
 * them, and does nothing on the server.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
