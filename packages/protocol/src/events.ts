/** The kinds of payment event a client can listen to. */
export type PaymentEventKind =
  'deposit_completed' | 'withdrawal_completed' | 'payment_status_update';

/** Socket.IO event names of protocol v1 (the version is part of the name). */
export const EVENTS = {
  depositCompleted: 'deposit_completed:v1',
  withdrawalCompleted: 'withdrawal_completed:v1',
  paymentStatusUpdate: 'payment_status_update:v1',
  session: 'session:v1',
} as const;

export type PaymentEventName =
  | typeof EVENTS.depositCompleted
  | typeof EVENTS.withdrawalCompleted
  | typeof EVENTS.paymentStatusUpdate;

/** Wire name of each payment event kind. */
export const EVENT_NAME_BY_KIND: Readonly<Record<PaymentEventKind, PaymentEventName>> = {
  deposit_completed: EVENTS.depositCompleted,
  withdrawal_completed: EVENTS.withdrawalCompleted,
  payment_status_update: EVENTS.paymentStatusUpdate,
};

/** Payment event kinds, in a stable order. */
export const PAYMENT_EVENT_KINDS: readonly PaymentEventKind[] = [
  'deposit_completed',
  'withdrawal_completed',
  'payment_status_update',
];

/** The room every event of one user is emitted to. */
export function userRoom(userId: string): `user:${string}` {
  return `user:${userId}`;
}

/**
 * Splits a versioned event name such as `deposit_completed:v2` into its kind and version,
 * or returns `undefined` for a name that is not of that form.
 */
export function parseEventName(name: string): { kind: string; version: number } | undefined {
  const match = /^([a-z_]+):v(\d+)$/.exec(name);
  if (!match) return undefined;
  return { kind: match[1] as string, version: Number(match[2]) };
}
