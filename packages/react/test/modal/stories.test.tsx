import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { describe, expect, test, vi } from 'vitest';
import preview from '../../../../.storybook/preview';
import * as modalStories from '../../src/DepositQRModal.stories';
import * as stateStories from '../../src/modal/DepositQRView.stories';
import { axeViolations } from './axe';

setProjectAnnotations(preview);
// Rendering the full dialog in jsdom (and axe on it) is slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 20_000 });

describe('every DepositQRModal story renders, passes its play function and axe', () => {
  const stories = { ...composeStories(stateStories), ...composeStories(modalStories) };
  for (const [name, Story] of Object.entries(stories)) {
    test(name, async () => {
      await Story.run();
      expect(await axeViolations()).toEqual([]);
    });
  }
});
