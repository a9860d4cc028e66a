import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import preview from '../../../../.storybook/preview';
import * as modalStories from '../../src/DepositQRModal.stories';
import type { MswHost } from '../../src/DepositQRModal.stories';
import * as stateStories from '../../src/modal/DepositQRView.stories';
import { axeViolations } from './axe';

setProjectAnnotations(preview);
// Outside a browser the live story's backend runs in msw/node instead of a service worker.
const server = setupServer();
const mswHost: MswHost = { use: (handlers) => server.resetHandlers(...handlers) };
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
// Rendering the full dialog in jsdom (and axe on it) is slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 20_000 });

describe('every DepositQRModal story renders, passes its play function and axe', () => {
  const stories = {
    ...composeStories(stateStories),
    ...composeStories(modalStories, { parameters: { mswHost } }),
  };
  for (const [name, Story] of Object.entries(stories)) {
    test(name, async () => {
      await Story.run();
      expect(await axeViolations()).toEqual([]);
    });
  }
});
