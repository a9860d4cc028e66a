import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { expect, test } from 'vitest';
import preview from '../../../../.storybook/preview';
import * as modalStories from '../../src/DepositQRModal.stories';

setProjectAnnotations(preview);
const { SimulateMomoPayment } = composeStories(modalStories);

// As in Storybook: the real client against the backend played in msw's service worker.
test('the live story pays a deposit through msw in a service worker', async () => {
  await SimulateMomoPayment.run();
  expect(navigator.serviceWorker.controller).not.toBeNull();
});
