import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { describe, expect, test } from 'vitest';
import preview from '../../../../.storybook/preview';
import * as modalStories from '../../src/DepositQRModal.stories';
import * as stateStories from '../../src/modal/DepositQRView.stories';
import { axeViolations } from './axe';

setProjectAnnotations(preview);
const stories = composeStories(stateStories);

// One story per state, alternating language and theme: real layout and colours let axe
// check contrast here, which jsdom cannot.
const ONE_PER_STATE = [
  stories.ConnectingViLight,
  stories.WaitingEnDark,
  stories.ReconnectingViDark,
  stories.CheckingEnLight,
  stories.SuccessViLight,
  stories.DeclinedEnDark,
  stories.CancelledViDark,
  stories.ExpiredEnLight,
  stories.FailedViDark,
];

describe('each DepositQRModal state in Chromium', () => {
  for (const Story of [...ONE_PER_STATE, composeStories(modalStories).SimulateMomoPayment]) {
    test(Story.storyName ?? 'story', async () => {
      await Story.run();
      expect(await axeViolations()).toEqual([]);
    });
  }
});
