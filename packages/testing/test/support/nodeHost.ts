import { setupServer, type SetupServer } from 'msw/node';
import type { MswHost } from './harness';

/** msw/node: intercepts `http.request`, `fetch` and `XMLHttpRequest` in this process. */
export function nodeHost(): MswHost {
  let server: SetupServer | undefined;
  return {
    start: (handlers) => {
      const started = setupServer(...handlers);
      started.listen({ onUnhandledRequest: 'error' });
      server = started;
    },
    stop: () => server?.close(),
  };
}
