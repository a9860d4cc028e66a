import { parseVndAmount, type VndAmountProblem } from '@paysocket/protocol';
import { useId, useState, type FormEvent } from 'react';
import { describeApiError } from './describeApiError';
import { useLocale } from './LocaleContext';

/** What the last withdrawal ended with, kept as facts so a language switch rewords it. */
export type WithdrawalResult =
  { ok: true; amount: number; newBalance: number } | { ok: false; reason: string | undefined };

interface WithdrawFormProps {
  balance: number;
  onSubmit: (amount: number) => Promise<void>;
  /** A withdrawal was accepted and its `withdrawal_completed:v1` has not arrived yet. */
  pending: boolean;
  result: WithdrawalResult | null;
}

type WithdrawError = { problem: VndAmountProblem } | { tooMuch: true } | { cause: unknown };

/** A withdrawal completes a moment after it is accepted; its result arrives as an event. */
export function WithdrawForm({ balance, onSubmit, pending, result }: WithdrawFormProps) {
  const { m } = useLocale();
  const [text, setText] = useState('');
  const [error, setError] = useState<WithdrawError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || pending) return;
    const parsed = parseVndAmount(text);
    if (!parsed.ok || parsed.amount <= 0) {
      setError({ problem: parsed.ok ? 'negative' : parsed.problem });
      return;
    }
    if (parsed.amount > balance) {
      setError({ tooMuch: true });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(parsed.amount);
      setText('');
    } catch (cause) {
      setError({ cause });
    } finally {
      setBusy(false);
    }
  }

  let errorText: string | null = null;
  if (error && 'problem' in error) errorText = m.amountProblem[error.problem];
  else if (error && 'tooMuch' in error) errorText = m.notEnoughBalance(balance);
  else if (error) errorText = describeApiError(error.cause, m);

  let status: string | null = null;
  if (pending) status = m.withdrawing;
  else if (result?.ok) status = m.withdrawn(result.amount, result.newBalance);
  else if (result) status = m.withdrawFailed(result.reason);

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${inputId}-title`} noValidate>
      <h2 id={`${inputId}-title`}>{m.withdrawTitle}</h2>
      <label htmlFor={inputId}>{m.withdrawLabel}</label>
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
        aria-describedby={error ? errorId : undefined}
      />
      {errorText && (
        <p id={errorId} className="error" role="alert">
          {errorText}
        </p>
      )}
      <button type="submit" aria-disabled={busy || pending}>
        {m.withdraw}
      </button>
      <p role="status" className="muted" data-testid="withdraw-status">
        {status}
      </p>
    </form>
  );
}
