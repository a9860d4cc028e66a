import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';
import type {
  DepositCompletedEvent,
  TransactionSnapshot,
  TransactionStatus,
} from '@paysocket/protocol';
import { useDepositListener } from '../useDepositListener';
import { useLatest } from '../useLatest';
import { useTransactionStatus } from '../useTransactionStatus';
import { derivePhase, type ConnectionIndicator, type DepositPhase } from './DepositPhase';
import { connectionIndicator } from './connectionIndicator';
import { useCountdown } from './useCountdown';

export interface DepositFlowOptions {
  deposit: TransactionSnapshot;
  userId: string | null;
  client: PaymentSocketClientApi;
  onCompleted?: ((event: DepositCompletedEvent) => void) | undefined;
  onExpired?: (() => void) | undefined;
  lookupTransaction?: ((transactionId: string) => Promise<TransactionSnapshot | null>) | undefined;
}

export interface DepositFlow {
  phase: DepositPhase;
  connection: ConnectionIndicator;
  remainingMs: number | null;
  reason: string | undefined;
  completion: { amount: number; newBalance: number | null } | undefined;
}

const noServerOffset = (): null => null;

/**
 * Everything the modal shows for one deposit, from the hooks: the transaction's status as
 * the client folds it (live, replayed or looked up after a reconnect), the connection, and
 * the countdown on the server's clock. When the countdown reaches zero while the deposit is
 * still pending, it asks once more (`lookupTransaction`) before calling it expired.
 */
export function useDepositFlow(options: DepositFlowOptions): DepositFlow {
  const { deposit, client } = options;
  const transactionId = deposit.transactionId;
  const latest = useLatest(options);

  // onCompleted fires once per deposit, whether the client delivered the completion or the
  // last look-up found it.
  const completedReported = useRef(false);
  const reportCompleted = useCallback(
    (event: DepositCompletedEvent) => {
      if (completedReported.current) return;
      completedReported.current = true;
      latest.current.onCompleted?.(event);
    },
    [latest],
  );
  const { status: connectionStatus } = useDepositListener(
    options.userId,
    transactionId,
    reportCompleted,
    { client },
  );
  const tracked = useTransactionStatus(transactionId, { client });

  const [wasLive, setWasLive] = useState(false);
  if (connectionStatus === 'connected' && !wasLive) setWasLive(true);

  const serverOffset = useServerOffset(client, deposit);
  const [finalLookup, setFinalLookup] = useState<{
    done: boolean;
    found: TransactionSnapshot | null;
  }>({ done: false, found: null });

  const status = effectiveStatus(tracked.status, finalLookup.found, deposit);
  const reason =
    (tracked.status === status ? tracked.reason : null) ??
    (finalLookup.found?.status === status ? finalLookup.found.reason : undefined) ??
    (deposit.status === status ? deposit.reason : undefined) ??
    undefined;
  const expiresAtMs = deposit.expiresAt ? Date.parse(deposit.expiresAt) : null;
  const remainingMs = useCountdown(expiresAtMs, serverOffset, status === 'pending');
  const connection = connectionIndicator(connectionStatus, wasLive);
  const phase = derivePhase({
    status,
    reason,
    connection,
    remainingMs,
    finalLookupDone: finalLookup.done || !options.lookupTransaction,
  });

  const expiredNow = phase === 'checking';
  useEffect(() => {
    if (!expiredNow) return;
    const lookup = latest.current.lookupTransaction;
    if (!lookup) return;
    let current = true;
    lookup(transactionId).then(
      (found) => {
        if (current)
          setFinalLookup({
            done: true,
            found: found?.transactionId === transactionId ? found : null,
          });
      },
      () => {
        if (current) setFinalLookup({ done: true, found: null });
      },
    );
    return () => {
      current = false;
    };
  }, [expiredNow, transactionId, latest]);

  const found = finalLookup.found;
  useEffect(() => {
    if (found?.status !== 'completed' || found.newBalance === undefined) return;
    reportCompleted({
      type: 'deposit_completed',
      transactionId: found.transactionId,
      amount: found.amount,
      newBalance: found.newBalance,
      ...(found.providerTransactionId === undefined
        ? {}
        : { providerTransactionId: found.providerTransactionId }),
      message: found.message,
      timestamp: found.updatedAt,
    });
  }, [found, reportCompleted]);

  const expiredReported = useRef(false);
  useEffect(() => {
    if (phase !== 'expired' || expiredReported.current) return;
    expiredReported.current = true;
    latest.current.onExpired?.();
  }, [phase, latest]);

  let completion: DepositFlow['completion'];
  if (phase === 'success') {
    const event = tracked.event?.type === 'deposit_completed' ? tracked.event : null;
    completion = {
      amount: event?.amount ?? found?.amount ?? deposit.amount,
      newBalance: event?.newBalance ?? found?.newBalance ?? deposit.newBalance ?? null,
    };
  }

  return { phase, connection, remainingMs, reason, completion };
}

/**
 * What the transaction is now. Completed wins from any source (money taken is credited even
 * after expiry); otherwise the client's status, then the last look-up, then the snapshot.
 */
function effectiveStatus(
  tracked: TransactionStatus | null,
  found: TransactionSnapshot | null,
  deposit: TransactionSnapshot,
): TransactionStatus {
  if (tracked === 'completed' || found?.status === 'completed') return 'completed';
  if (tracked !== null && tracked !== 'pending') return tracked;
  if (found && found.status !== 'pending') return found.status;
  return tracked ?? deposit.status;
}

/**
 * Server clock minus local clock. The client's value once it has one (from `session:v1` or
 * a look-up); until then the deposit snapshot's `serverTime`, read when the modal mounts.
 */
function useServerOffset(client: PaymentSocketClientApi, deposit: TransactionSnapshot): number {
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  const fromClient = useSyncExternalStore(
    subscribe,
    () => {
      const state = client.getState();
      return state.epoch !== null || state.serverTimeOffsetMs !== 0
        ? state.serverTimeOffsetMs
        : null;
    },
    noServerOffset,
  );
  const [fromSnapshot] = useState(() =>
    deposit.serverTime ? Date.parse(deposit.serverTime) - Date.now() : 0,
  );
  return fromClient ?? fromSnapshot;
}
