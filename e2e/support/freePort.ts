import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on 127.0.0.1. The mock server must come back on
 * the same port after a restart and the page's proxy must know it in advance, so port 0
 * cannot be handed to the server itself.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}
