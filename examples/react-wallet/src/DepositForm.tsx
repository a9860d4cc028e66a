import { MOMO_MAX_AMOUNT, MOMO_MIN_AMOUNT, isValidMomoAmount } from '@paysocket/protocol';
import { useId, useState, type FormEvent } from 'react';
import { describeApiError } from './describeApiError';
import { formatVnd } from './formatVnd';

const PRESETS = [50_000, 100_000, 200_000, 500_000];

interface DepositFormProps {
  onSubmit: (amount: number) => Promise<void>;
}

/** Reads `100.000`, `100 000` or `100000` as 100000; anything else as NaN. */
function parseVnd(text: string): number {
  const digits = text.replace(/[\s.,₫]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
}

/** Amount presets and free input in VND, held to MoMo's limits before anything is sent. */
export function DepositForm({ onSubmit }: DepositFormProps) {
  const [text, setText] = useState('100.000');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const amount = parseVnd(text);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!isValidMomoAmount(amount)) {
      setError(
        `Số tiền phải là số nguyên từ ${formatVnd(MOMO_MIN_AMOUNT)} đến ${formatVnd(MOMO_MAX_AMOUNT)}.`,
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(amount);
    } catch (cause) {
      setError(describeApiError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${inputId}-title`} noValidate>
      <h2 id={`${inputId}-title`}>Nạp tiền qua MoMo</h2>
      <div className="presets" role="group" aria-label="Số tiền gợi ý">
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="preset"
            aria-pressed={amount === preset}
            onClick={() => {
              setText(formatVnd(preset).replace(/\s*₫$/, ''));
              setError(null);
            }}
          >
            {formatVnd(preset)}
          </button>
        ))}
      </div>
      <label htmlFor={inputId}>Số tiền (VND)</label>
      <input
        id={inputId}
        inputMode="numeric"
        autoComplete="off"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      />
      <p id={hintId} className="muted">
        Từ {formatVnd(MOMO_MIN_AMOUNT)} đến {formatVnd(MOMO_MAX_AMOUNT)}.
      </p>
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      {/* aria-disabled, not disabled: a disabled button drops focus, and the QR dialog
          returns focus to where it was when it opened. */}
      <button type="submit" aria-disabled={busy}>
        Nạp tiền
      </button>
    </form>
  );
}
