import { useEffect, useState } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';
import type { DepositCompletedEvent, TransactionSnapshot } from '@paysocket/protocol';
import { useDepositListener } from '../useDepositListener';
import { useLatest } from '../useLatest';
import { useTransactionObserver } from '../useTransactionObserver';
import { useTransactionSnapshot } from '../useTransactionSnapshot';
import { derivePhase, type ConnectionIndicator, type DepositPhase } from './DepositPhase';
import { connectionIndicator } from './connectionIndicator';
import { useCountdown } from './useCountdown';
import { useFinalCheck, type LookupTransaction } from './useFinalCheck';
import { useServerOffset } from './useServerOffset';

export interface DepositFlowOptions {
  deposit: TransactionSnapshot;
  userId: string | null;
  client: PaymentSocketClientApi;
  onCompleted?: ((event: DepositCompletedEvent) => void) | undefined;
  onExpired?: (() => void) | undefined;
  lookupTransaction?: LookupTransaction | undefined;
}

export interface DepositFlow {
  phase: DepositPhase;
  connection: ConnectionIndicator;
  remainingMs: number | null;
  reason: string | undefined;
  completion: { amount: number; newBalance: number | null } | undefined;
}

/**
 * Everything the modal shows for one deposit: the transaction as the client's observer shows
 * it (the snapshot the modal was given until the client knows), the connection, and the
 * countdown on the server's clock, with one last look-up when it reaches zero.
 */
export function useDepositFlow(options: DepositFlowOptions): DepositFlow {
  const { deposit, client } = options;
  const latest = useLatest(options);
  const report = (event: DepositCompletedEvent) => latest.current.onCompleted?.(event);
  const live = useDepositListener(options.userId, deposit.transactionId, report, { client });
  const observer = useTransactionObserver(client, deposit.transactionId);
  const tx = useTransactionSnapshot(observer);
  const status = tx.status === 'unknown' ? deposit.status : tx.status;
  const reason = tx.status === 'unknown' ? deposit.reason : tx.reason;
  const [wasLive, setWasLive] = useState(false);
  if (live.connected && !wasLive) setWasLive(true);

  const expiresAtMs = deposit.expiresAt ? Date.parse(deposit.expiresAt) : null;
  const offset = useServerOffset(client, deposit);
  const remainingMs = useCountdown(expiresAtMs, offset, status === 'pending');
  const due = status === 'pending' && remainingMs !== null && remainingMs <= 0;
  const checked = useFinalCheck(observer, due, options.lookupTransaction);
  const connection = connectionIndicator(live.status, wasLive);
  const phase = derivePhase({ status, reason, connection, remainingMs, finalLookupDone: checked });

  // The phase never leaves `expired` except for a late success, so this reports it once.
  const expired = phase === 'expired';
  useEffect(() => {
    if (expired) latest.current.onExpired?.();
  }, [expired, latest]);

  const paid = tx.event?.type === 'deposit_completed' ? tx.event : undefined;
  const completion =
    phase === 'success'
      ? {
          amount: paid?.amount ?? deposit.amount,
          newBalance: paid?.newBalance ?? deposit.newBalance ?? null,
        }
      : undefined;
  return { phase, connection, remainingMs, reason, completion };
}
