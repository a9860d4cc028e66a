import type { PaymentEventKind, SessionInfo } from '@paysocket/protocol';

type HeldEvent = [kind: PaymentEventKind, name: string, payload: unknown];

/** What a `setUser` call means for the connection. */
export type Naming = 'same' | 'adopt' | 'switch';

/** What a valid `session:v1` means: another user's, or this user's (with the events it held). */
export type SessionCheck = { ok: false; sessionUser: string } | { ok: true; held: HeldEvent[] };

/**
 * Who the client is and what the server said about it: the user named by `setUser`, the
 * session of the current connection (`session:v1`, the user it names, the events that came
 * before it), and the resume point (epoch + lastSeq) kept for the next handshake.
 */
export class UserSession {
  /** Whether `setUser` was ever called (before that, an unnamed session may be adopted). */
  #named = false;
  /** Whether this server was ever seen sending `session:v1` (the seed's gateway never does). */
  #expectSession = false;
  #sessionSeen = false;
  /** Events that came before `session:v1` on a connection expecting one: held until it is checked. */
  #held: HeldEvent[] = [];
  /** The user the current connection's `session:v1` named. */
  #sessionUser: string | null = null;

  /** Classifies `setUser(userId)` while `current` is set. */
  name(userId: string | null, current: string | null): Naming {
    if (this.#named && userId === current) return 'same';
    const adopt = !this.#named && userId !== null;
    this.#named = true;
    return adopt ? 'adopt' : 'switch';
  }

  /** A user the current connection's session named, when that is not `userId`. */
  otherUser(userId: string): string | null {
    const seen = this.#sessionUser;
    return seen !== null && seen !== userId ? seen : null;
  }

  /** A connection began or ended: its session, if any, is over. */
  reset(): void {
    this.#sessionSeen = false;
    this.#held = [];
    this.#sessionUser = null;
  }

  /** Holds an event that must wait for `session:v1`; false when it may go on now. */
  hold(kind: PaymentEventKind, name: string, payload: unknown): boolean {
    if (!this.#expectSession || this.#sessionSeen) return false;
    this.#held.push([kind, name, payload]);
    return true;
  }

  /** Whether this server sends `session:v1`, as far as the client has seen. */
  get expectsSession(): boolean {
    return this.#expectSession;
  }

  /** Before `session:v1` a reconnect's events are replay: their age is not latency. */
  get live(): boolean {
    return this.#sessionSeen || !this.#expectSession;
  }

  /** Checks a valid `session:v1` against the user the client is set to. */
  check(session: SessionInfo, userId: string | null): SessionCheck {
    this.#sessionUser = session.userId;
    if (userId !== null && session.userId !== userId) {
      return { ok: false, sessionUser: session.userId };
    }
    const held = this.#held;
    this.#held = [];
    return { ok: true, held };
  }

  /** The session is checked and its held events are through. */
  seen(): void {
    this.#expectSession = this.#sessionSeen = true;
  }
}
