import type { Ref } from 'react';
import { buttonProps } from './buttonProps';
import { cx } from './cx';
import type { DepositPhase } from './DepositPhase';
import type { DepositQRClassNames } from './DepositQRClassNames';
import type { DepositQRMessages } from './messages';

export interface DepositResultProps {
  /** One of the result phases. */
  phase: DepositPhase;
  messages: DepositQRMessages;
  classNames: DepositQRClassNames;
  /** Receives the action focus should start on: "new QR"/"retry" when offered, else close. */
  primaryRef: Ref<HTMLButtonElement>;
  /** Without it, no "new QR"/"retry" button. */
  onRetry?: (() => void) | undefined;
  onClose: () => void;
}

const RESULT_ICONS: Partial<Record<DepositPhase, string>> = {
  success: '✓',
  declined: '✕',
  cancelled: '✕',
  expired: '!',
  failed: '!',
};

/** How the deposit ended, as an icon, and what the user can do next. */
export function DepositResult(props: DepositResultProps) {
  const { phase, messages: m, classNames, primaryRef, onRetry } = props;
  const success = phase === 'success';
  return (
    <>
      <div className={cx('ps-qr__result', classNames.result)}>
        <div className="ps-qr__icon" aria-hidden="true">
          {RESULT_ICONS[phase]}
        </div>
      </div>
      <div className={cx('ps-qr__actions', classNames.actions)}>
        {!success && onRetry ? (
          <button
            type="button"
            ref={primaryRef}
            onClick={onRetry}
            {...buttonProps('primary', 'retry', classNames)}
          >
            {phase === 'failed' ? m.retry : m.newQr}
          </button>
        ) : null}
        <button
          type="button"
          ref={success || !onRetry ? primaryRef : undefined}
          onClick={props.onClose}
          {...buttonProps(success ? 'primary' : 'secondary', 'close', classNames)}
        >
          {success ? m.done : m.close}
        </button>
      </div>
    </>
  );
}
