import { setupWorker, type SetupWorkerApi } from 'msw/browser';
import { expect, it } from 'vitest';
import { describeClientAgainstBackendMock } from './support/clientScenarios';

it('runs in a real browser, with msw in a service worker', () => {
  expect(navigator.userAgent).toMatch(/Chrome/);
  expect(navigator.serviceWorker.controller).not.toBeNull();
});

let worker: SetupWorkerApi | undefined;
describeClientAgainstBackendMock({
  start: async (handlers) => {
    worker = setupWorker(...handlers);
    // Everything else the page loads (the test runner's own modules) goes to the network.
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  },
  stop: () => worker?.stop(),
});
