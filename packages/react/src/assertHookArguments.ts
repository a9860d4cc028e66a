/**
 * Checks made during render on what the app passes to a hook. A wrong argument is a bug in
 * the app, so it throws (naming the hook) before anything reaches the client.
 */
export function assertUserId(hookName: string, userId: unknown): void {
  if (userId === null || (typeof userId === 'string' && userId !== '')) return;
  throw new TypeError(
    `${hookName}(): userId must be a non-empty string, or null when signed out (got ${describe(userId)}).`,
  );
}

export function assertTransactionId(hookName: string, transactionId: unknown): void {
  if (transactionId === null || (typeof transactionId === 'string' && transactionId !== '')) {
    return;
  }
  throw new TypeError(
    `${hookName}(): transactionId must be a non-empty string, or null for none (got ${describe(transactionId)}).`,
  );
}

export function assertCallback(
  hookName: string,
  name: string,
  callback: unknown,
  required = false,
): void {
  if (typeof callback === 'function' || (callback === undefined && !required)) return;
  throw new TypeError(`${hookName}(): ${name} must be a function (got ${describe(callback)}).`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
