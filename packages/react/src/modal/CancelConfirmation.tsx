import { useState } from 'react';
import { buttonProps } from './buttonProps';
import type { DepositQRClassNames } from './DepositQRClassNames';
import type { DepositQRMessages } from './messages';

export interface CancelConfirmationProps {
  /** The user confirmed. */
  onCancel: () => void;
  messages: DepositQRMessages;
  classNames: DepositQRClassNames;
}

/** "Cancel payment", asked twice: a slip of the finger must not throw a deposit away. */
export function CancelConfirmation({ onCancel, messages: m, classNames }: CancelConfirmationProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="ps-qr__cancel">
      {confirming ? (
        <div className="ps-qr__confirm" role="group" aria-label={m.cancel}>
          <p>{m.cancelConfirm}</p>
          <div className="ps-qr__actions">
            <button
              type="button"
              autoFocus
              onClick={() => setConfirming(false)}
              {...buttonProps('secondary', 'keep-paying', classNames)}
            >
              {m.cancelConfirmNo}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                onCancel();
              }}
              {...buttonProps('danger', 'confirm-cancel', classNames)}
            >
              {m.cancelConfirmYes}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="ps-qr__link"
          data-action="cancel"
          onClick={() => setConfirming(true)}
        >
          {m.cancel}
        </button>
      )}
    </div>
  );
}
