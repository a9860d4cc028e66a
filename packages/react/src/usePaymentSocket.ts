import { useEffect } from 'react';
import type {
  ConnectionStatus,
  PaymentSocketClientApi,
  PaymentSocketError,
} from '@paysocket/client';
import type {
  DepositCompletedEvent,
  PaymentStatusUpdateEvent,
  WithdrawalCompletedEvent,
} from '@paysocket/protocol';
import { assertCallback } from './assertHookArguments';
import { useConnectionState } from './useConnectionState';
import { useLatest } from './useLatest';
import { usePaymentSocketClient, type PaymentSocketHookOptions } from './usePaymentSocketClient';
import { useUserClaim } from './useUserClaim';

/** Callbacks of `usePaymentSocket`. The newest ones are called; changing them never resubscribes. */
export interface PaymentSocketHandlers {
  onDepositCompleted?: (event: DepositCompletedEvent) => void;
  onPaymentStatusUpdate?: (event: PaymentStatusUpdateEvent) => void;
  onWithdrawalCompleted?: (event: WithdrawalCompletedEvent) => void;
  /** Invalid events, failed look-ups, refused credentials… (`error.code` says which). */
  onError?: (error: PaymentSocketError) => void;
}

export interface UsePaymentSocketResult {
  /** `status === 'connected'`. */
  connected: boolean;
  /** The connection's status; `idle` on the server and while signed out. */
  status: ConnectionStatus;
  /** The connection's last error (`AUTH_FAILED`, `CONNECTION_FAILED`…), or null. */
  error: PaymentSocketError | null;
  client: PaymentSocketClientApi;
}

const HANDLER_NAMES = [
  'onDepositCompleted',
  'onPaymentStatusUpdate',
  'onWithdrawalCompleted',
  'onError',
] as const satisfies readonly (keyof PaymentSocketHandlers)[];

/**
 * Connects `userId` (null: signed out, no connection) and calls `handlers` for that user's
 * payment events only: after a switch to another user, nothing of the previous user's
 * reaches them.
 */
export function usePaymentSocket(
  userId: string | null,
  handlers?: PaymentSocketHandlers,
  options?: PaymentSocketHookOptions,
): UsePaymentSocketResult {
  const client = usePaymentSocketClient('usePaymentSocket', options?.client);
  for (const name of HANDLER_NAMES) assertCallback('usePaymentSocket', name, handlers?.[name]);
  useUserClaim(client, userId, 'usePaymentSocket');
  const { status, lastError } = useConnectionState(client);
  const latest = useLatest({ userId, handlers });

  useEffect(() => {
    // The handlers committed with a user belong to that user: while the client still has
    // (or already has) another one, its events are not theirs.
    const current = () => {
      const { userId: owner, handlers: committed } = latest.current;
      return owner !== null && client.getState().userId === owner ? committed : undefined;
    };
    const offs = [
      client.on('deposit_completed', (event) => current()?.onDepositCompleted?.(event)),
      client.on('payment_status_update', (event) => current()?.onPaymentStatusUpdate?.(event)),
      client.on('withdrawal_completed', (event) => current()?.onWithdrawalCompleted?.(event)),
      client.on('error', (error) => current()?.onError?.(error)),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [client, latest]);

  return { connected: status === 'connected', status, error: lastError, client };
}
