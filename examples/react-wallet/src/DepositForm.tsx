import {
  MOMO_MAX_AMOUNT,
  MOMO_MIN_AMOUNT,
  isValidMomoAmount,
  parseVndAmount,
  type VndAmountProblem,
} from '@paysocket/protocol';
import { useId, useState, type FormEvent } from 'react';
import { describeApiError } from './describeApiError';
import { formatVnd } from './formatVnd';
import { useLocale } from './LocaleContext';

const PRESETS = [50_000, 100_000, 200_000, 500_000];

/** Kept as what went wrong, not as words, so a language switch rewords it. */
type DepositError = { problem: VndAmountProblem } | { outOfRange: true } | { cause: unknown };

interface DepositFormProps {
  onSubmit: (amount: number) => Promise<void>;
}

/**
 * Amount presets and free input in VND. The amount sent is exactly the one typed: anything
 * that is not a whole number of dong within MoMo's limits is refused before a request.
 */
export function DepositForm({ onSubmit }: DepositFormProps) {
  const { m } = useLocale();
  const [text, setText] = useState(formatVnd(100_000).replace(/\s*₫$/, ''));
  const [error, setError] = useState<DepositError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const parsed = parseVndAmount(text);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!parsed.ok) {
      setError({ problem: parsed.problem });
      return;
    }
    if (!isValidMomoAmount(parsed.amount)) {
      setError({ outOfRange: true });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(parsed.amount);
    } catch (cause) {
      setError({ cause });
    } finally {
      setBusy(false);
    }
  }

  let errorText: string | null = null;
  if (error && 'problem' in error) errorText = m.amountProblem[error.problem];
  else if (error && 'outOfRange' in error)
    errorText = m.amountOutOfRange(MOMO_MIN_AMOUNT, MOMO_MAX_AMOUNT);
  else if (error) errorText = describeApiError(error.cause, m);

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${inputId}-title`} noValidate>
      <h2 id={`${inputId}-title`}>{m.depositTitle}</h2>
      <div className="presets" role="group" aria-label={m.presets}>
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="preset"
            aria-pressed={parsed.ok && parsed.amount === preset}
            onClick={() => {
              setText(formatVnd(preset).replace(/\s*₫$/, ''));
              setError(null);
            }}
          >
            {formatVnd(preset)}
          </button>
        ))}
      </div>
      <label htmlFor={inputId}>{m.amountLabel}</label>
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
        {m.amountRange(MOMO_MIN_AMOUNT, MOMO_MAX_AMOUNT)}
      </p>
      {errorText && (
        <p id={errorId} className="error" role="alert">
          {errorText}
        </p>
      )}
      {/* aria-disabled, not disabled: a disabled button drops focus, and the QR dialog
          returns focus to where it was when it opened. */}
      <button type="submit" aria-disabled={busy}>
        {m.deposit}
      </button>
    </form>
  );
}
