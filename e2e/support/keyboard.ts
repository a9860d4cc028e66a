import type { Page } from 'playwright-core';

/** Accessible-ish name of the focused element: aria-label, else its label or text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelled = el.getAttribute('aria-label');
    if (labelled) return labelled.trim();
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return (labels[0]?.textContent ?? '').trim();
    return (el.textContent ?? '').trim();
  });
}

/** Whether focus is inside the open dialog. */
export function focusInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
}

/** Presses Tab until the focused element's name is `name`; throws after `limit` presses. */
export async function tabTo(page: Page, name: string | RegExp, limit = 40): Promise<void> {
  const matches = (value: string) => (typeof name === 'string' ? value === name : name.test(value));
  for (let presses = 0; presses <= limit; presses += 1) {
    if (matches(await focusedName(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${String(name)}" (last: "${await focusedName(page)}")`);
}
