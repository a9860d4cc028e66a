import { decodePayload, encodePayload, type Packet } from 'engine.io-parser';
import { http, HttpResponse, type HttpHandler } from 'msw';

/** One Engine.IO connection, as the layer above sees it. */
export interface EngineSession {
  readonly id: string;
  /** Cookies of the handshake request (cookie mode's `access_token`). */
  readonly cookies: Readonly<Record<string, string>>;
  /** Queues one message packet for the client's next (or held) poll. */
  send(data: string): void;
  /** Ends the connection from the server's side: the client sees its transport close. */
  close(): void;
}

export interface EnginePollingServerOptions {
  /** Absolute URL of the Engine.IO endpoint, e.g. `http://api.test/socket.io/`. */
  endpoint: string;
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  onMessage: (session: EngineSession, data: string) => void;
  onClose: (session: EngineSession) => void;
}

interface Session extends EngineSession {
  queue: Packet[];
  /** Answers the poll the client has waiting, if any. */
  held: ((packets: Packet[]) => void) | undefined;
  closing: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Engine.IO's own error answers (engine.io `Server.errorMessages`). */
const ERRORS = {
  transport: { code: 0, message: 'Transport unknown' },
  session: { code: 1, message: 'Session ID unknown' },
  request: { code: 3, message: 'Bad request' },
  protocol: { code: 5, message: 'Unsupported protocol version' },
} as const;

const TEXT = { 'content-type': 'text/plain; charset=UTF-8' };

const encode = (packets: Packet[]) =>
  new Promise<string>((resolve) => encodePayload(packets, resolve));

/**
 * Engine.IO v4 over HTTP long-polling, served by msw handlers: a handshake that offers no
 * upgrade (so socket.io-client stays on polling, which msw sees in Node, jsdom and a
 * browser's worker alike), a held GET that carries the server's packets, a POST for the
 * client's, and the ping/pong heartbeat the client insists on.
 */
export class EnginePollingServer {
  readonly #options: EnginePollingServerOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #pingIntervalMs: number;
  readonly #pingTimeoutMs: number;
  #nextId = 0;

  constructor(options: EnginePollingServerOptions) {
    this.#options = options;
    this.#pingIntervalMs = checkDelay(options.pingIntervalMs ?? 25_000, 'pingIntervalMs');
    this.#pingTimeoutMs = checkDelay(options.pingTimeoutMs ?? 20_000, 'pingTimeoutMs');
  }

  handlers(): HttpHandler[] {
    const { endpoint } = this.#options;
    return [
      http.get(endpoint, async ({ request, cookies }) => {
        const query = new URL(request.url).searchParams;
        const refused = checkQuery(query);
        if (refused) return HttpResponse.json(refused, { status: 400 });
        const sid = query.get('sid');
        if (sid === null) return this.#handshake(cookies);
        const session = this.#sessions.get(sid);
        if (!session) return HttpResponse.json(ERRORS.session, { status: 400 });
        if (session.held) {
          // Two polls at once is a broken client; engine.io drops the connection for it.
          this.#end(session);
          return HttpResponse.json(ERRORS.request, { status: 400 });
        }
        return new HttpResponse(await encode(await this.#poll(session)), { headers: TEXT });
      }),
      http.post(endpoint, async ({ request }) => {
        const query = new URL(request.url).searchParams;
        const refused = checkQuery(query);
        if (refused) return HttpResponse.json(refused, { status: 400 });
        const session = this.#sessions.get(query.get('sid') ?? '');
        if (!session || session.closing) return HttpResponse.json(ERRORS.session, { status: 400 });
        for (const packet of decodePayload(await request.text())) {
          if (packet.type === 'message') this.#options.onMessage(session, String(packet.data));
          else if (packet.type === 'pong') this.#heartbeat(session);
          else if (packet.type === 'close') this.#end(session);
          else if (packet.type === 'error') {
            this.#end(session);
            return HttpResponse.json(ERRORS.request, { status: 400 });
          }
        }
        return new HttpResponse('ok', { headers: { 'content-type': 'text/html' } });
      }),
    ];
  }

  /** Closes every connection from the server's side. */
  closeAll(): void {
    for (const session of this.#sessions.values()) session.close();
  }

  async #handshake(cookies: Record<string, string>): Promise<HttpResponse<string>> {
    const id = `mock-${++this.#nextId}-${Math.random().toString(36).slice(2, 10)}`;
    const session: Session = {
      id,
      cookies: { ...cookies },
      queue: [],
      held: undefined,
      closing: false,
      timer: undefined,
      send: (data) => this.#push(session, { type: 'message', data }),
      close: () => {
        if (session.closing || !this.#sessions.has(id)) return;
        session.closing = true;
        clearTimeout(session.timer);
        this.#push(session, { type: 'close' });
        this.#options.onClose(session);
      },
    };
    this.#sessions.set(id, session);
    this.#heartbeat(session);
    const open = JSON.stringify({
      sid: id,
      upgrades: [],
      pingInterval: this.#pingIntervalMs,
      pingTimeout: this.#pingTimeoutMs,
      maxPayload: 1_000_000,
    });
    return new HttpResponse(await encode([{ type: 'open', data: open }]), { headers: TEXT });
  }

  #poll(session: Session): Promise<Packet[]> {
    if (session.queue.length > 0) return Promise.resolve(this.#flush(session));
    return new Promise((resolve) => {
      session.held = resolve;
    });
  }

  #push(session: Session, packet: Packet): void {
    session.queue.push(packet);
    const held = session.held;
    if (held) {
      session.held = undefined;
      held(this.#flush(session));
    }
  }

  #flush(session: Session): Packet[] {
    const packets = session.queue.splice(0);
    // The close packet went out: nothing more belongs to this connection.
    if (session.closing) this.#sessions.delete(session.id);
    return packets;
  }

  /** Pings after each interval; a client that does not answer in time is gone. */
  #heartbeat(session: Session): void {
    clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      this.#push(session, { type: 'ping' });
      session.timer = setTimeout(() => this.#end(session), this.#pingTimeoutMs);
    }, this.#pingIntervalMs);
  }

  /** The connection is over (the client closed it, or broke the protocol). */
  #end(session: Session): void {
    if (!this.#sessions.delete(session.id)) return;
    clearTimeout(session.timer);
    const held = session.held;
    session.held = undefined;
    // Like engine.io, a poll still waiting is answered with a no-op so the client lets go.
    held?.([{ type: 'noop' }]);
    if (!session.closing) {
      session.closing = true;
      this.#options.onClose(session);
    }
  }
}

/** The client arms one timer for interval + timeout, so their sum must fit a timer. */
function checkDelay(ms: number, name: string): number {
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > 2 ** 30) {
    throw new RangeError(`${name} must be an integer from 1 to ${2 ** 30} ms`);
  }
  return ms;
}

function checkQuery(query: URLSearchParams) {
  if (query.get('EIO') !== '4') return ERRORS.protocol;
  if (query.get('transport') !== 'polling') return ERRORS.transport;
  return undefined;
}
