import { useEffect, useState } from 'react';
import { describeApiError } from './describeApiError';
import { SignInForm } from './SignInForm';
import { WalletApiError, walletApi } from './walletApi';
import { WalletPage } from './WalletPage';

type Session =
  | { state: 'checking' }
  | { state: 'signedOut'; error: string | null }
  | { state: 'signedIn'; userId: string; balance: number };

/** Resumes the session the cookie still holds, or asks who to sign in as. */
export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    let current = true;
    walletApi.wallet().then(
      (wallet) => {
        if (current)
          setSession({ state: 'signedIn', userId: wallet.userId, balance: wallet.balance });
      },
      (error: unknown) => {
        if (!current) return;
        const signedOut = error instanceof WalletApiError && error.status === 401;
        setSession({ state: 'signedOut', error: signedOut ? null : describeApiError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <main className="wallet">
      <h1>Ví paysocket</h1>
      {session.state === 'checking' && <p role="status">Đang tải…</p>}
      {session.state === 'signedOut' && (
        <SignInForm
          initialError={session.error}
          onSignedIn={(userId, balance) => setSession({ state: 'signedIn', userId, balance })}
        />
      )}
      {session.state === 'signedIn' && (
        <WalletPage
          key={session.userId}
          userId={session.userId}
          initialBalance={session.balance}
          onSignedOut={() => setSession({ state: 'signedOut', error: null })}
        />
      )}
    </main>
  );
}
