import axe from 'axe-core';

// jsdom has no layout or rendering, so axe cannot judge colour contrast there (and trying
// is slow); the Chromium specs check it on real pixels.
const inJsdom = navigator.userAgent.includes('jsdom');

/**
 * Runs axe on the whole document (a dialog lives in a portal under `<body>`) and returns
 * the violations as readable lines, so a failing test says what is wrong.
 */
export async function axeViolations(root: Element = document.body): Promise<string[]> {
  const results = await axe.run(root, {
    resultTypes: ['violations'],
    rules: inJsdom ? { 'color-contrast': { enabled: false } } : {},
  });
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}
