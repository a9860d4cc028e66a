import type { TransactionSnapshot } from '@paysocket/protocol';
import { CancelConfirmation } from './CancelConfirmation';
import { connectionText } from './connectionText';
import { Countdown } from './Countdown';
import { cx } from './cx';
import { DepositActions } from './DepositActions';
import type { ConnectionIndicator } from './DepositPhase';
import type { DepositQRClassNames } from './DepositQRClassNames';
import { formatVnd } from './formatVnd';
import type { DepositQRMessages } from './messages';
import { QrCode } from './QrCode';
import { useSaveQr } from './useSaveQr';

export interface PendingDepositProps {
  deposit: TransactionSnapshot;
  connection: ConnectionIndicator;
  remainingMs: number | null;
  messages: DepositQRMessages;
  classNames: DepositQRClassNames;
  onCancel?: (() => void) | undefined;
  /** Puts a short notice in the polite live region. */
  onNotice: (text: string) => void;
}

/** The deposit while it can be paid: amount, live indicator, QR, time left and the actions. */
export function PendingDeposit(props: PendingDepositProps) {
  const { deposit, messages: m, classNames, remainingMs, onNotice } = props;
  const amount = formatVnd(deposit.amount);
  const qrValue = deposit.qrCodeData ?? deposit.paymentUrl;
  const qr = useSaveQr(deposit.transactionId, () => onNotice(m.saveQrFailed));
  return (
    <>
      <p className={cx('ps-qr__amount', classNames.amount)}>{amount}</p>
      <div className={cx('ps-qr__status', classNames.status)}>
        <span className="ps-qr__dot" aria-hidden="true" />
        <span>{connectionText(props.connection, m)}</span>
      </div>
      {qrValue ? (
        <div className={cx('ps-qr__code', classNames.qr)}>
          <QrCode svgRef={qr.svgRef} value={qrValue} label={m.qrAlt(amount)} />
        </div>
      ) : null}
      {remainingMs !== null ? (
        <Countdown
          remainingMs={remainingMs}
          deposit={deposit}
          messages={m}
          classNames={classNames}
        />
      ) : null}
      <DepositActions
        deposit={deposit}
        messages={m}
        classNames={classNames}
        onSaveQr={qrValue ? qr.save : undefined}
        onNotice={onNotice}
      />
      {props.onCancel ? (
        <CancelConfirmation onCancel={props.onCancel} messages={m} classNames={classNames} />
      ) : null}
    </>
  );
}
