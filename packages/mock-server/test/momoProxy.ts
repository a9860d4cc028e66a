import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy treats MoMo API calls right now. */
export type ProxyMode =
  | { kind: 'pass' }
  /** MoMo unreachable: the connection is dropped without an answer. */
  | { kind: 'down' }
  /** MoMo's gateway failing: HTTP 500 with no MoMo body. */
  | { kind: 'error' }
  /** MoMo answers, but the body is rewritten (another amount, an unknown resultCode…). */
  | { kind: 'rewrite'; rewrite: (body: Record<string, unknown>) => Record<string, unknown> };

export interface MomoProxy {
  /** Give this as the server's MoMo endpoint. */
  url: string;
  mode: ProxyMode;
  /** Paths of the calls that reached the proxy, in order. */
  calls: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A real HTTP hop between the backend and the fake MoMo provider, so a test can take MoMo
 * away or make it answer wrongly while the backend talks HTTP as usual. `target()` gives
 * the provider's base URL at each call (it changes when the server restarts on port 0).
 */
export async function startMomoProxy(target: () => string): Promise<MomoProxy> {
  const proxy: MomoProxy = {
    url: '',
    mode: { kind: 'pass' },
    calls: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    void (async () => {
      proxy.calls.push(req.url ?? '');
      const body = await readBody(req);
      const mode = proxy.mode;
      if (mode.kind === 'down') {
        req.socket.destroy();
        return;
      }
      if (mode.kind === 'error') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('gateway failure');
        return;
      }
      const upstream = await fetch(`${target()}${req.url ?? ''}`, {
        method: req.method ?? 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body,
      });
      let text = await upstream.text();
      if (mode.kind === 'rewrite')
        text = JSON.stringify(mode.rewrite(JSON.parse(text) as Record<string, unknown>));
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
    })().catch(() => req.socket.destroy());
  });
  // Never let a held connection keep a test waiting for the proxy to close.
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = proxy.close;
  proxy.close = () => {
    server.closeAllConnections();
    return close();
  };
  return proxy;
}
