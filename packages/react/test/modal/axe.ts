import axe from 'axe-core';

/**
 * Runs axe on the whole document (a dialog lives in a portal under `<body>`) and returns
 * the violations as readable lines, so a failing test says what is wrong.
 */
export async function axeViolations(root: Element = document.body): Promise<string[]> {
  const results = await axe.run(root, { resultTypes: ['violations'] });
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}
