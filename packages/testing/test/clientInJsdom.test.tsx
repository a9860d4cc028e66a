import { expect, it } from 'vitest';
import { describeClientAgainstBackendMock } from './support/clientScenarios';
import { nodeHost } from './support/nodeHost';

it('runs in jsdom', () => {
  expect(navigator.userAgent).toContain('jsdom');
  expect(typeof window.document).toBe('object');
});

describeClientAgainstBackendMock(nodeHost());
