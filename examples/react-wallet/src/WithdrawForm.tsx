import { useId, useState, type FormEvent } from 'react';
import { describeApiError } from './describeApiError';
import { formatVnd } from './formatVnd';

interface WithdrawFormProps {
  balance: number;
  onSubmit: (amount: number) => Promise<void>;
  /** A withdrawal was accepted and its `withdrawal_completed:v1` has not arrived yet. */
  pending: boolean;
  /** What the last withdrawal ended with. */
  result: string | null;
}

/** A withdrawal completes a moment after it is accepted; its result arrives as an event. */
export function WithdrawForm({ balance, onSubmit, pending, result }: WithdrawFormProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || pending) return;
    const amount = Number(text.replace(/[\s.,₫]/g, ''));
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      setError('Nhập số tiền muốn rút (số nguyên VND).');
      return;
    }
    if (amount > balance) {
      setError(`Số dư không đủ: bạn có ${formatVnd(balance)}.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(amount);
      setText('');
    } catch (cause) {
      setError(describeApiError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${inputId}-title`} noValidate>
      <h2 id={`${inputId}-title`}>Rút tiền</h2>
      <label htmlFor={inputId}>Số tiền rút (VND)</label>
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
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" aria-disabled={busy || pending}>
        Rút tiền
      </button>
      <p role="status" className="muted" data-testid="withdraw-status">
        {pending ? 'Đang xử lý rút tiền…' : result}
      </p>
    </form>
  );
}
