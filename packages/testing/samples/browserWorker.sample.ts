import { setupWorker } from 'msw/browser';
import { createPaymentBackendMock } from '@paysocket/testing';

// In a Storybook preview, a story's loader, or an app's development entry point:
export const backend = createPaymentBackendMock({ url: 'http://api.test', userId: 'u1' });
export const worker = setupWorker(...backend.handlers);
await worker.start({ onUnhandledRequest: 'bypass' });
