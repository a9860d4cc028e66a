import { onTestFinished, vi } from 'vitest';

/**
 * For a test that expects a render to throw: keeps React's error report and jsdom's
 * "uncaught error" print (React 18 rethrows inside a DOM event in development) out of the
 * output, until the test ends.
 */
export function quietRenderErrors(): void {
  const swallow = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', swallow);
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  onTestFinished(() => {
    window.removeEventListener('error', swallow);
    consoleError.mockRestore();
  });
}
