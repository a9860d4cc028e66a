import type { TransactionSnapshot } from '@paysocket/protocol';
import { formatClock, splitRemaining } from './countdownAnnouncement';
import { cx } from './cx';
import type { DepositQRClassNames } from './DepositQRClassNames';
import type { DepositQRMessages } from './messages';

export interface CountdownProps {
  remainingMs: number;
  deposit: TransactionSnapshot;
  messages: DepositQRMessages;
  classNames: DepositQRClassNames;
}

/** Time left to pay, as a clock and, when the deposit's lifetime is known, a progress bar. */
export function Countdown({ remainingMs, deposit, messages: m, classNames }: CountdownProps) {
  const total = lifetimeMs(deposit);
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

function lifetimeMs(deposit: TransactionSnapshot): number | null {
  if (!deposit.expiresAt) return null;
  const total = Date.parse(deposit.expiresAt) - Date.parse(deposit.createdAt);
  return total > 0 ? total : null;
}
