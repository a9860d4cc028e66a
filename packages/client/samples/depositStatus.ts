import type { PaymentSocketClientApi, TransactionObserverSnapshot } from '@paysocket/client';

export interface DepositStatusView {
  /** Called with each new snapshot: the same object until something changes. */
  render: (snapshot: TransactionObserverSnapshot) => void;
  /** Called once per terminal outcome, however it arrived (live, replay or look-up). */
  onPaid: (newBalance: number) => void;
}

/**
 * Shows one deposit while its QR is on screen. At expiry it looks the deposit up once more,
 * since a payment made in the last second may not have been announced yet.
 * Returns the function that stops showing it.
 */
export function showDepositStatus(
  client: PaymentSocketClientApi,
  transactionId: string,
  expiresAt: Date,
  view: DepositStatusView,
): () => void {
  const tx = client.observe(transactionId); // the same observer for the same id
  const stopRendering = tx.subscribe(() => view.render(tx.getSnapshot()));
  const stopOutcomes = tx.onOutcome((outcome) => {
    if (outcome.event?.type === 'deposit_completed') view.onPaid(outcome.event.newBalance);
  });
  const lastCheck = setTimeout(() => void tx.refresh(), expiresAt.getTime() - Date.now());
  view.render(tx.getSnapshot());
  return () => {
    clearTimeout(lastCheck);
    stopRendering(); // the last listener gone, the client stops following it
    stopOutcomes();
  };
}
