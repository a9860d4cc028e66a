import type { HttpHandler } from 'msw';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { EnginePollingServer, type EngineSession } from './EnginePollingServer';

/** What a Socket.IO handshake brought: `handshake.auth` and the request's cookies. */
export interface MockHandshake {
  auth: Readonly<Record<string, unknown>>;
  cookies: Readonly<Record<string, string>>;
}

/** A connected socket of the default namespace. */
export interface MockSocket {
  readonly id: string;
  readonly userId: string;
  readonly handshake: MockHandshake;
  emit(event: string, payload: unknown): void;
  /** A server-side disconnect (`io server disconnect` on the client: it does not come back). */
  disconnect(): void;
  /** Cuts the transport, as a lost network does: the client reconnects. */
  drop(): void;
}

/** Accepts a handshake as a user, or refuses it with an error the client sees in `connect_error`. */
export type MockAuthorize = (
  handshake: MockHandshake,
) => { userId: string } | { error: { message: string; data?: unknown } };

export interface SocketIoPollingServerOptions {
  /** Absolute URL of the Engine.IO endpoint, e.g. `http://api.test/socket.io/`. */
  endpoint: string;
  authorize: MockAuthorize;
  /** Runs once the client has been told it is connected. */
  onConnection: (socket: MockSocket) => void;
  /** Engine.IO's heartbeat; defaults to engine.io's 25 s interval and 20 s timeout. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
}

interface Connection {
  engine: EngineSession;
  decoder: Decoder;
  socket: MockSocket | undefined;
}

/**
 * The default namespace of a Socket.IO v4 server over {@link EnginePollingServer}: CONNECT
 * with middleware-style refusals (CONNECT_ERROR), server-to-client events, disconnects.
 * Packets are framed by `socket.io-parser`, the codec socket.io-client itself uses.
 */
export class SocketIoPollingServer {
  readonly #options: SocketIoPollingServerOptions;
  readonly #engine: EnginePollingServer;
  readonly #connections = new Map<string, Connection>();
  readonly #encoder = new Encoder();

  constructor(options: SocketIoPollingServerOptions) {
    this.#options = options;
    this.#engine = new EnginePollingServer({
      endpoint: options.endpoint,
      pingIntervalMs: options.pingIntervalMs,
      pingTimeoutMs: options.pingTimeoutMs,
      onMessage: (engine, data) => this.#receive(engine, data),
      onClose: (engine) => {
        this.#connections.get(engine.id)?.decoder.destroy();
        this.#connections.delete(engine.id);
      },
    });
  }

  handlers(): HttpHandler[] {
    return this.#engine.handlers();
  }

  /** Every socket that completed its CONNECT and is still there. */
  sockets(): MockSocket[] {
    const sockets: MockSocket[] = [];
    for (const connection of this.#connections.values()) {
      if (connection.socket) sockets.push(connection.socket);
    }
    return sockets;
  }

  /** Drops every connection, connected or still in its handshake. */
  dropAll(): void {
    this.#engine.closeAll();
  }

  #receive(engine: EngineSession, data: string): void {
    let connection = this.#connections.get(engine.id);
    if (!connection) {
      const decoder = new Decoder();
      connection = { engine, decoder, socket: undefined };
      const current = connection;
      decoder.on('decoded', (packet: Packet) => this.#onPacket(current, packet));
      this.#connections.set(engine.id, connection);
    }
    try {
      connection.decoder.add(data);
    } catch {
      // socket.io closes a connection whose packets it cannot parse.
      engine.close();
    }
  }

  #onPacket(connection: Connection, packet: Packet): void {
    if (packet.type === PacketType.DISCONNECT) {
      connection.socket = undefined;
      return;
    }
    if (packet.type !== PacketType.CONNECT) return;
    if (packet.nsp !== '/') {
      return this.#send(connection.engine, {
        type: PacketType.CONNECT_ERROR,
        nsp: packet.nsp,
        data: { message: 'Invalid namespace' },
      });
    }
    const auth = isRecord(packet.data) ? packet.data : {};
    const handshake: MockHandshake = { auth, cookies: connection.engine.cookies };
    const verdict = this.#options.authorize(handshake);
    if ('error' in verdict) {
      return this.#send(connection.engine, {
        type: PacketType.CONNECT_ERROR,
        nsp: '/',
        data: verdict.error,
      });
    }
    const id = `${connection.engine.id}#${Math.random().toString(36).slice(2, 8)}`;
    const socket: MockSocket = {
      id,
      userId: verdict.userId,
      handshake,
      emit: (event, payload) => {
        if (connection.socket !== socket) return;
        this.#send(connection.engine, { type: PacketType.EVENT, nsp: '/', data: [event, payload] });
      },
      disconnect: () => {
        if (connection.socket !== socket) return;
        connection.socket = undefined;
        this.#send(connection.engine, { type: PacketType.DISCONNECT, nsp: '/' });
      },
      drop: () => connection.engine.close(),
    };
    connection.socket = socket;
    this.#send(connection.engine, { type: PacketType.CONNECT, nsp: '/', data: { sid: id } });
    this.#options.onConnection(socket);
  }

  #send(engine: EngineSession, packet: Packet): void {
    const [encoded, ...attachments] = this.#encoder.encode(packet);
    // Binary attachments would need Engine.IO's binary framing, which paysocket never uses.
    if (attachments.length > 0) throw new TypeError('binary payloads are not supported');
    engine.send(String(encoded));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
