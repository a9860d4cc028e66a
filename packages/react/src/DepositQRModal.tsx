import type { PaymentSocketClientApi } from '@paysocket/client';
import type { DepositCompletedEvent, TransactionSnapshot } from '@paysocket/protocol';
import { useMemo } from 'react';
import type { DepositQRClassNames } from './modal/DepositQRClassNames';
import { DepositQRView, type DepositQRTheme } from './modal/DepositQRView';
import { resolveMessages, type DepositQRLocale, type DepositQRMessages } from './modal/messages';
import { useDepositFlow } from './modal/useDepositFlow';
import { usePaymentSocketClient } from './usePaymentSocketClient';

export interface DepositQRModalProps {
  /** The pending deposit as `POST /api/v1/payment/deposit` returned it. */
  deposit: TransactionSnapshot;
  /** The signed-in user (connects the client as this user); null = signed out. */
  userId: string | null;
  /** Shows the dialog. Closing it keeps the deposit watched: keep the modal mounted. */
  open: boolean;
  /** The deposit completed: live, after a reconnect, or found by the last look-up. Once per deposit. */
  onCompleted?: (event: DepositCompletedEvent) => void;
  /** The user closed the dialog (Escape, the close button, outside click, a result's close action). */
  onClose?: () => void;
  /** The QR expired: the server said so, or the countdown ended and the last look-up found it unpaid. */
  onExpired?: () => void;
  /** The user asked for a new QR (after expiry, a refusal or a cancel). Without it, no such button. */
  onRetry?: () => void;
  /** The user confirmed "Cancel payment": call the cancel endpoint. Without it, no cancel action. */
  onCancel?: () => void;
  /** Language of the dialog. Amounts stay in Vietnamese notation (`100.000 ₫`). Defaults to `'vi'`. */
  locale?: DepositQRLocale;
  /** Replaces any of the locale's strings. */
  messages?: Partial<DepositQRMessages>;
  /** Colour scheme; `system` follows `prefers-color-scheme`. Defaults to `'system'`. */
  theme?: DepositQRTheme;
  /** Added to the dialog element. */
  className?: string;
  /** Added to each part. */
  classNames?: DepositQRClassNames;
  /** Use this client instead of the nearest `PaymentSocketProvider`'s. */
  client?: PaymentSocketClientApi;
  /**
   * When the countdown reaches zero the client looks the deposit up once more before
   * "expired" is shown (a payment made in the last seconds may not have been pushed yet).
   * Given, this is asked first, and a deposit it finds settled is confirmed by the client's
   * own look-up, so what shows and is reported is always the client's. Defaults to the
   * client's look-up alone.
   */
  lookupTransaction?: (transactionId: string) => Promise<TransactionSnapshot | null>;
  /** Injects the default stylesheet into `<head>`. Defaults to `true`. */
  injectStyles?: boolean;
}

/**
 * The dialog users pay in: the MoMo QR with a countdown on the server's clock, a live
 * connection indicator, and one clear result (success with the new balance, declined,
 * cancelled, expired with a new QR, failed with the provider's reason). Closing it does not
 * cancel: the deposit stays watched and `onCompleted` still fires.
 */
export function DepositQRModal(props: DepositQRModalProps) {
  const client = usePaymentSocketClient('DepositQRModal', props.client);
  // A new deposit (after "new QR") starts from scratch: countdown, final look-up, reports.
  return <DepositQRFlow key={props.deposit.transactionId} {...props} client={client} />;
}

function DepositQRFlow(props: DepositQRModalProps & { client: PaymentSocketClientApi }) {
  const flow = useDepositFlow({
    deposit: props.deposit,
    userId: props.userId,
    client: props.client,
    onCompleted: props.onCompleted,
    onExpired: props.onExpired,
    lookupTransaction: props.lookupTransaction,
  });
  const { locale, messages: overrides } = props;
  const messages = useMemo(() => resolveMessages(locale, overrides), [locale, overrides]);
  return (
    <DepositQRView
      open={props.open}
      onOpenChange={(open) => {
        if (!open) props.onClose?.();
      }}
      phase={flow.phase}
      connection={flow.connection}
      deposit={props.deposit}
      remainingMs={flow.remainingMs}
      completion={flow.completion}
      reason={flow.reason}
      messages={messages}
      theme={props.theme}
      className={props.className}
      classNames={props.classNames}
      injectStyles={props.injectStyles}
      onRetry={props.onRetry}
      onCancel={props.onCancel}
    />
  );
}
