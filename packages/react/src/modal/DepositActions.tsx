import type { TransactionSnapshot } from '@paysocket/protocol';
import { buttonProps } from './buttonProps';
import { cx } from './cx';
import type { DepositQRClassNames } from './DepositQRClassNames';
import type { DepositQRMessages } from './messages';

export interface DepositActionsProps {
  deposit: TransactionSnapshot;
  messages: DepositQRMessages;
  classNames: DepositQRClassNames;
  /** Saves the QR as an image; without it (no QR), no such button. */
  onSaveQr?: (() => void) | undefined;
  /** Says how copying went, in the polite live region. */
  onNotice: (text: string) => void;
}

/** Other ways to pay the same deposit: open the MoMo app, copy the payment link, save the QR. */
export function DepositActions(props: DepositActionsProps) {
  const { deposit, messages: m, classNames, onNotice } = props;
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(deposit.paymentUrl ?? '');
      onNotice(m.copied);
    } catch {
      onNotice(m.copyFailed);
    }
  };
  return (
    <div className={cx('ps-qr__actions', classNames.actions)}>
      {deposit.deeplink ? (
        <a href={deposit.deeplink} {...buttonProps('primary', 'open-momo', classNames)}>
          {m.openMomo}
        </a>
      ) : null}
      {deposit.paymentUrl ? (
        <button
          type="button"
          onClick={copyLink}
          {...buttonProps('secondary', 'copy-link', classNames)}
        >
          {m.copyLink}
        </button>
      ) : null}
      {props.onSaveQr ? (
        <button
          type="button"
          onClick={props.onSaveQr}
          {...buttonProps('secondary', 'save-qr', classNames)}
        >
          {m.saveQr}
        </button>
      ) : null}
    </div>
  );
}
