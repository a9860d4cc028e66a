import * as Dialog from '@radix-ui/react-dialog';
import { QRCodeSVG } from 'qrcode.react';
import { memo, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import type { TransactionSnapshot } from '@paysocket/protocol';
import type { ConnectionIndicator, DepositPhase } from './DepositPhase';
import { isResultPhase } from './DepositPhase';
import {
  announcedRemaining,
  announcementKey,
  formatClock,
  splitRemaining,
} from './countdownAnnouncement';
import { formatVnd } from './formatVnd';
import type { DepositQRMessages } from './messages';
import { downloadBlob, qrSvgToPng } from './saveQrPng';
import { useModalStyles } from './useModalStyles';

/** Colour scheme: `system` follows `prefers-color-scheme`. */
export type DepositQRTheme = 'light' | 'dark' | 'system';

/** Class names added to each part, for apps that style with their own classes. */
export interface DepositQRClassNames {
  overlay?: string;
  content?: string;
  title?: string;
  description?: string;
  closeButton?: string;
  amount?: string;
  status?: string;
  qr?: string;
  timer?: string;
  progress?: string;
  actions?: string;
  button?: string;
  result?: string;
  hint?: string;
}

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

const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

/** How long "link copied" and similar notices stay in the polite live region. */
const NOTICE_MS = 5000;

const RESULT_ICONS: Partial<Record<DepositPhase, string>> = {
  success: '✓',
  declined: '✕',
  cancelled: '✕',
  expired: '!',
  failed: '!',
};

/**
 * The deposit dialog drawn from explicit props: no socket, no timers of its own except
 * the politeness of its announcements. `DepositQRModal` drives it from the hooks; stories
 * and tests drive it directly.
 */
export function DepositQRView(props: DepositQRViewProps) {
  const { phase, connection, deposit, messages: m, remainingMs, classNames = {} } = props;
  const theme = props.theme ?? 'system';
  useModalStyles(props.injectStyles ?? true);

  const amount = formatVnd(deposit.amount);
  const result = isResultPhase(phase);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [notice, setNotice] = useState('');
  const primaryRef = useRef<HTMLButtonElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  // Radix returns focus to its own Dialog.Trigger; the app's trigger lives outside, so the
  // element focused when the dialog opened is remembered and focused again on close.
  const contentRef = useRef<HTMLDivElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const countdownAnnouncement = useCountdownAnnouncement(
    remainingMs,
    m,
    result || phase === 'checking',
  );

  useEffect(() => {
    if (result) primaryRef.current?.focus();
  }, [result, phase]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const close = () => props.onOpenChange(false);

  let title = m.title;
  let description: string = m.description(amount);
  if (phase === 'success') {
    title = m.successTitle;
    const credited = formatVnd(props.completion?.amount ?? deposit.amount);
    const balance = props.completion?.newBalance ?? deposit.newBalance ?? null;
    description = m.successBody(credited, balance === null ? null : formatVnd(balance));
  } else if (phase === 'declined') {
    title = m.declinedTitle;
    description = m.declinedBody;
  } else if (phase === 'cancelled') {
    title = m.cancelledTitle;
    description = m.cancelledBody;
  } else if (phase === 'expired') {
    title = m.expiredTitle;
    description = m.expiredBody;
  } else if (phase === 'failed') {
    title = m.failedTitle;
    description = m.failedReason(props.reason);
  }

  const connectionText: Record<ConnectionIndicator, string> = {
    connecting: m.connecting,
    live: m.live,
    reconnecting: m.reconnecting,
    offline: m.offline,
    error: m.connectionError,
  };
  const politeText =
    notice ||
    (phase === 'checking'
      ? m.checking
      : connection === 'live'
        ? countdownAnnouncement
        : connectionText[connection]);

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(deposit.paymentUrl ?? '');
      setNotice(m.copied);
    } catch {
      setNotice(m.copyFailed);
    }
  };
  const saveQr = async () => {
    if (!svgRef.current) return;
    try {
      const png = await qrSvgToPng(svgRef.current, 512);
      downloadBlob(png, `momo-qr-${deposit.transactionId}.png`);
    } catch {
      setNotice(m.saveQrFailed);
    }
  };

  const qrValue = deposit.qrCodeData ?? deposit.paymentUrl;
  const button = (variant: 'primary' | 'secondary' | 'danger', action: string) => ({
    className: cx('ps-qr__button', classNames.button),
    'data-variant': variant,
    'data-action': action,
  });

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
          <div className="ps-qr__header">
            <Dialog.Title className={cx('ps-qr__title', classNames.title)}>{title}</Dialog.Title>
            <Dialog.Close
              className={cx('ps-qr__close', classNames.closeButton)}
              aria-label={m.close}
            >
              <span aria-hidden="true">×</span>
            </Dialog.Close>
          </div>
          <Dialog.Description className={cx('ps-qr__description', classNames.description)}>
            {description}
          </Dialog.Description>

          {result ? (
            <ResultIcon phase={phase} className={classNames.result} />
          ) : phase === 'checking' ? (
            <div className={cx('ps-qr__result', classNames.result)}>
              <div className="ps-qr__spinner" aria-hidden="true" />
              <p>{m.checking}</p>
            </div>
          ) : (
            <>
              <p className={cx('ps-qr__amount', classNames.amount)}>{amount}</p>
              <div className={cx('ps-qr__status', classNames.status)}>
                <span className="ps-qr__dot" aria-hidden="true" />
                <span>{connectionText[connection]}</span>
              </div>
              {qrValue ? (
                <div className={cx('ps-qr__code', classNames.qr)}>
                  <QrCode ref={svgRef} value={qrValue} label={m.qrAlt(amount)} />
                </div>
              ) : null}
              {remainingMs !== null ? (
                <Countdown
                  remainingMs={remainingMs}
                  totalMs={totalMs(deposit)}
                  messages={m}
                  classNames={classNames}
                />
              ) : null}
              <div className={cx('ps-qr__actions', classNames.actions)}>
                {deposit.deeplink ? (
                  <a href={deposit.deeplink} {...button('primary', 'open-momo')}>
                    {m.openMomo}
                  </a>
                ) : null}
                {deposit.paymentUrl ? (
                  <button type="button" onClick={copyLink} {...button('secondary', 'copy-link')}>
                    {m.copyLink}
                  </button>
                ) : null}
                {qrValue ? (
                  <button type="button" onClick={saveQr} {...button('secondary', 'save-qr')}>
                    {m.saveQr}
                  </button>
                ) : null}
              </div>
              {props.onCancel ? (
                <div className="ps-qr__cancel">
                  {confirmingCancel ? (
                    <div className="ps-qr__confirm" role="group" aria-label={m.cancel}>
                      <p>{m.cancelConfirm}</p>
                      <div className="ps-qr__actions">
                        <button
                          type="button"
                          autoFocus
                          onClick={() => setConfirmingCancel(false)}
                          {...button('secondary', 'keep-paying')}
                        >
                          {m.cancelConfirmNo}
                        </button>
                        <button
                          type="button"
                          onClick={() => {
                            setConfirmingCancel(false);
                            props.onCancel?.();
                          }}
                          {...button('danger', 'confirm-cancel')}
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
                      onClick={() => setConfirmingCancel(true)}
                    >
                      {m.cancel}
                    </button>
                  )}
                </div>
              ) : null}
            </>
          )}

          {result ? (
            <div className={cx('ps-qr__actions', classNames.actions)}>
              {phase !== 'success' && props.onRetry ? (
                <button
                  type="button"
                  ref={primaryRef}
                  onClick={props.onRetry}
                  {...button('primary', 'retry')}
                >
                  {phase === 'failed' ? m.retry : m.newQr}
                </button>
              ) : null}
              <button
                type="button"
                ref={phase === 'success' || !props.onRetry ? primaryRef : undefined}
                onClick={close}
                {...button(phase === 'success' ? 'primary' : 'secondary', 'close')}
              >
                {phase === 'success' ? m.done : m.close}
              </button>
            </div>
          ) : null}

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

function ResultIcon({ phase, className }: { phase: DepositPhase; className?: string | undefined }) {
  return (
    <div className={cx('ps-qr__result', className)}>
      <div className="ps-qr__icon" aria-hidden="true">
        {RESULT_ICONS[phase]}
      </div>
    </div>
  );
}

/** The QR only changes with its value: kept out of the countdown's once-a-second render. */
const QrCode = memo(function QrCode(props: {
  ref: Ref<SVGSVGElement>;
  value: string;
  label: string;
}) {
  return (
    <QRCodeSVG
      ref={props.ref}
      value={props.value}
      size={256}
      marginSize={2}
      level="M"
      role="img"
      aria-label={props.label}
    />
  );
});

function totalMs(deposit: TransactionSnapshot): number | null {
  if (!deposit.expiresAt) return null;
  const total = Date.parse(deposit.expiresAt) - Date.parse(deposit.createdAt);
  return total > 0 ? total : null;
}

function Countdown(props: {
  remainingMs: number;
  totalMs: number | null;
  messages: DepositQRMessages;
  classNames: DepositQRClassNames;
}): ReactNode {
  const { remainingMs, totalMs: total, messages: m, classNames } = props;
  const { minutes, seconds } = splitRemaining(remainingMs);
  const percent =
    total === null ? 0 : Math.round((Math.min(Math.max(remainingMs, 0), total) / total) * 100);
  return (
    <div className={cx('ps-qr__timer', classNames.timer)}>
      <div className="ps-qr__clock">
        <span>{m.timeLeftLabel}</span>
        <span role="timer" aria-label={m.timeLeft(minutes, seconds)}>
          {formatClock(remainingMs)}
        </span>
      </div>
      {total !== null ? (
        <div
          className={cx('ps-qr__progress', classNames.progress)}
          role="progressbar"
          aria-label={m.timeLeftLabel}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={m.timeLeft(minutes, seconds)}
        >
          <div className="ps-qr__bar" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The sentence the polite live region holds for the countdown. It changes only when
 * {@link announcementKey} does, so screen readers hear the time at a calm cadence.
 */
function useCountdownAnnouncement(
  remainingMs: number | null,
  m: DepositQRMessages,
  silent: boolean,
): string {
  const key = remainingMs === null || silent ? null : announcementKey(remainingMs);
  const [announced, setAnnounced] = useState<{ key: string | null; text: string }>({
    key: null,
    text: '',
  });
  if (key !== announced.key) {
    let text = '';
    if (key !== null && remainingMs !== null && remainingMs > 0) {
      const spoken = announcedRemaining(remainingMs);
      text =
        spoken.unit === 'minutes'
          ? m.announceMinutes(spoken.value)
          : m.announceSeconds(spoken.value);
    }
    setAnnounced({ key, text });
  }
  return announced.text;
}
