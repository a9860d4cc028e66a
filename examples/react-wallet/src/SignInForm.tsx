import { useId, useState, type FormEvent } from 'react';
import { describeApiError } from './describeApiError';
import { useLocale } from './LocaleContext';
import { walletApi } from './walletApi';

/** Kept as what went wrong, not as words, so a language switch rewords it. */
type SignInError = { required: true } | { cause: unknown };

interface SignInFormProps {
  /** Why the session could not be resumed (null: there was simply none). */
  initialError: unknown;
  onSignedIn: (userId: string, balance: number) => void;
}

/** The reference server's development login: any user id gets a session cookie. */
export function SignInForm({ initialError, onSignedIn }: SignInFormProps) {
  const { m } = useLocale();
  const [userId, setUserId] = useState('demo-user');
  const [error, setError] = useState<SignInError | null>(
    initialError === null ? null : { cause: initialError },
  );
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const id = userId.trim();
    if (!id) {
      setError({ required: true });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await walletApi.login(id);
      const wallet = await walletApi.wallet();
      onSignedIn(wallet.userId, wallet.balance);
    } catch (cause) {
      setError({ cause });
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{m.signInTitle}</h2>
      <label htmlFor={inputId}>{m.userIdLabel}</label>
      <input
        id={inputId}
        value={userId}
        onChange={(event) => setUserId(event.target.value)}
        autoComplete="username"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error && (
        <p id={errorId} className="error" role="alert">
          {'required' in error ? m.userIdRequired : describeApiError(error.cause, m)}
        </p>
      )}
      <button type="submit" aria-disabled={busy}>
        {m.signIn}
      </button>
    </form>
  );
}
