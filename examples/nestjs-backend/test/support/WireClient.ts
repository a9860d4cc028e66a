import { io, type Socket } from 'socket.io-client';
import { vi } from 'vitest';

export interface WireEvent {
  name: string;
  payload: {
    transactionId?: string;
    seq?: number;
    eventId?: string;
    lastSeq?: number;
    epoch?: string;
    gap?: boolean;
    [key: string]: unknown;
  };
}

/**
 * A Socket.IO client that records every event exactly as it arrives on the wire (no
 * de-duplication), and on each reconnect sends the epoch and lastSeq the protocol asks for.
 */
export class WireClient {
  readonly socket: Socket;
  readonly events: WireEvent[] = [];
  epoch: string | undefined;
  lastSeq: number | undefined;

  constructor(url: string, token: string, options: { origin?: string; cookie?: boolean } = {}) {
    const headers: Record<string, string> = {};
    if (options.origin) headers.origin = options.origin;
    if (options.cookie) headers.cookie = `access_token=${token}`;
    this.socket = io(url, {
      transports: ['websocket'],
      extraHeaders: headers,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      auth: (send) =>
        send({
          ...(options.cookie ? {} : { token }),
          ...(this.epoch === undefined ? {} : { epoch: this.epoch }),
          ...(this.lastSeq === undefined ? {} : { lastSeq: this.lastSeq }),
        }),
    });
    this.socket.onAny((name: string, payload: WireEvent['payload']) => {
      this.events.push({ name, payload });
      if (name === 'session:v1') {
        if (payload.epoch !== this.epoch) this.lastSeq = payload.lastSeq;
        else this.lastSeq = Math.max(this.lastSeq ?? 0, payload.lastSeq ?? 0);
        this.epoch = payload.epoch;
      } else if (typeof payload.seq === 'number') {
        this.lastSeq = Math.max(this.lastSeq ?? 0, payload.seq);
      }
    });
  }

  named(name: string): WireEvent[] {
    return this.events.filter((event) => event.name === name);
  }

  /** Resolves once `count` events named `name` have arrived; rejects after `timeoutMs`. */
  async waitFor(name: string, count = 1, timeoutMs = 15_000): Promise<WireEvent[]> {
    await vi.waitFor(
      () => {
        if (this.named(name).length < count)
          throw new Error(`${count} × ${name} expected, got ${this.named(name).length}`);
      },
      { timeout: timeoutMs, interval: 20 },
    );
    return this.named(name);
  }

  /** Resolves with the error of the first refused connection attempt. */
  refused(): Promise<Error> {
    return new Promise((resolve) => this.socket.once('connect_error', resolve));
  }

  close(): void {
    this.socket.disconnect();
  }
}
