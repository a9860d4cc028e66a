import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP load balancer in front of the nodes: new connections go to the current target; a
 * connection whose node dies is closed on the client's side too, as a real balancer does.
 */
export class Balancer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  /** Where new connections go; `undefined` refuses them, as with no healthy node. */
  target: string | undefined;

  private constructor(server: Server, target: string) {
    this.#server = server;
    this.target = target;
  }

  static async start(target: string): Promise<Balancer> {
    const server = createServer();
    const balancer = new Balancer(server, target);
    server.on('connection', (client) => balancer.#forward(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #forward(client: Socket): void {
    if (this.target === undefined) {
      client.destroy();
      return;
    }
    const { hostname, port } = new URL(this.target);
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }
}
