import { useId, useState, type FormEvent } from 'react';
import { describeApiError } from './describeApiError';
import { walletApi } from './walletApi';

interface SignInFormProps {
  initialError: string | null;
  onSignedIn: (userId: string, balance: number) => void;
}

/** The reference server's development login: any user id gets a session cookie. */
export function SignInForm({ initialError, onSignedIn }: SignInFormProps) {
  const [userId, setUserId] = useState('demo-user');
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const id = userId.trim();
    if (!id) {
      setError('Nhập mã người dùng để đăng nhập.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await walletApi.login(id);
      const wallet = await walletApi.wallet();
      onSignedIn(wallet.userId, wallet.balance);
    } catch (cause) {
      setError(describeApiError(cause));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Đăng nhập demo</h2>
      <label htmlFor={inputId}>Mã người dùng</label>
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
          {error}
        </p>
      )}
      <button type="submit" aria-disabled={busy}>
        Đăng nhập
      </button>
    </form>
  );
}
