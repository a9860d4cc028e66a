import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useRef } from 'react';
import type { TransactionSnapshot } from '@paysocket/protocol';
import { connectionText } from './connectionText';
import { cx } from './cx';
import { DepositHeader } from './DepositHeader';
import type { ConnectionIndicator, DepositPhase } from './DepositPhase';
import { isResultPhase } from './DepositPhase';
import type { DepositQRClassNames } from './DepositQRClassNames';
import { DepositResult } from './DepositResult';
import type { DepositQRMessages } from './messages';
import { PendingDeposit } from './PendingDeposit';
import { phaseText } from './phaseText';
import { useCountdownAnnouncement } from './useCountdownAnnouncement';
import { useModalStyles } from './useModalStyles';
import { useNotice } from './useNotice';

/** Colour scheme: `system` follows `prefers-color-scheme`. */
export type DepositQRTheme = 'light' | 'dark' | 'system';

export interface DepositQRViewProps {
  open: boolean;
  /** Called with `false` on Escape, the close button, an outside click or a result's close action. */
  onOpenChange: (open: boolean) => void;
  phase: DepositPhase;
  connection: ConnectionIndicator;
  deposit: TransactionSnapshot;
  /** Milliseconds left on the server's clock; null when the deposit has no expiry. */
  remainingMs: number | null;
  /** Amount and balance to show on success (from the completion event or a look-up). */
  completion?: { amount: number; newBalance: number | null } | undefined;
  /** Why it failed, for `failed` (`insufficient_funds`, `momo_<code>`…). */
  reason?: string | undefined;
  messages: DepositQRMessages;
  theme?: DepositQRTheme;
  className?: string;
  classNames?: DepositQRClassNames;
  onRetry?: (() => void) | undefined;
  onCancel?: (() => void) | undefined;
  /** Injects the default stylesheet. Defaults to `true`. */
  injectStyles?: boolean;
}

/**
 * The deposit dialog drawn from explicit props: no socket, no timers of its own except
 * the politeness of its announcements. `DepositQRModal` drives it from the hooks; stories
 * and tests drive it directly. It holds the dialog, its focus and its live regions; the
 * parts inside draw the header, the payable deposit or the result.
 */
export function DepositQRView(props: DepositQRViewProps) {
  const { phase, connection, messages: m, classNames = {} } = props;
  const theme = props.theme ?? 'system';
  useModalStyles(props.injectStyles ?? true);

  const result = isResultPhase(phase);
  const { title, description } = phaseText(props);
  const [notice, showNotice] = useNotice();
  const countdownAnnouncement = useCountdownAnnouncement(
    props.remainingMs,
    m,
    result || phase === 'checking',
  );
  const primaryRef = useRef<HTMLButtonElement>(null);
  // Radix returns focus to its own Dialog.Trigger; the app's trigger lives outside, so the
  // element focused when the dialog opened is remembered and focused again on close.
  const contentRef = useRef<HTMLDivElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (result) primaryRef.current?.focus();
  }, [result, phase]);

  const politeText =
    notice ||
    (phase === 'checking'
      ? m.checking
      : connection === 'live'
        ? countdownAnnouncement
        : connectionText(connection, m));

  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={cx('ps-qr-overlay', classNames.overlay)} data-theme={theme} />
        <Dialog.Content
          ref={contentRef}
          onOpenAutoFocus={(event) => {
            const active = document.activeElement;
            if (active instanceof HTMLElement && !contentRef.current?.contains(active)) {
              returnFocusRef.current = active;
            }
            // Opened on a result: start on its action rather than on the close button.
            if (result && primaryRef.current) {
              event.preventDefault();
              primaryRef.current.focus();
            }
          }}
          onCloseAutoFocus={(event) => {
            const target = returnFocusRef.current;
            if (target?.isConnected) {
              event.preventDefault();
              target.focus();
            }
          }}
          aria-modal="true"
          className={cx('ps-qr', props.className, classNames.content)}
          data-state={phase}
          data-connection={connection}
          data-theme={theme}
        >
          <DepositHeader
            title={title}
            description={description}
            closeLabel={m.close}
            classNames={classNames}
          />
          {result ? (
            <DepositResult
              phase={phase}
              messages={m}
              classNames={classNames}
              primaryRef={primaryRef}
              onRetry={props.onRetry}
              onClose={() => props.onOpenChange(false)}
            />
          ) : phase === 'checking' ? (
            <div className={cx('ps-qr__result', classNames.result)}>
              <div className="ps-qr__spinner" aria-hidden="true" />
              <p>{m.checking}</p>
            </div>
          ) : (
            <PendingDeposit
              deposit={props.deposit}
              connection={connection}
              remainingMs={props.remainingMs}
              messages={m}
              classNames={classNames}
              onCancel={props.onCancel}
              onNotice={showNotice}
            />
          )}
          {phase !== 'success' ? (
            <p className={cx('ps-qr__hint', classNames.hint)}>{m.closeHint}</p>
          ) : null}
          <div className="ps-qr__sr" aria-live="polite" aria-atomic="true">
            {result ? '' : politeText}
          </div>
          <div className="ps-qr__sr" aria-live="assertive" aria-atomic="true">
            {result ? `${title}. ${description}` : ''}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
