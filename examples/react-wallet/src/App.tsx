import { useEffect, useState } from 'react';
import { LanguageSwitch } from './LanguageSwitch';
import { useLocale } from './LocaleContext';
import { SignInForm } from './SignInForm';
import { WalletApiError, walletApi } from './walletApi';
import { WalletPage } from './WalletPage';

type Session =
  | { state: 'checking' }
  | { state: 'signedOut'; error: unknown }
  | { state: 'signedIn'; userId: string; balance: number };

/** Resumes the session the cookie still holds, or asks who to sign in as. */
export function App() {
  const { m } = useLocale();
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
        setSession({ state: 'signedOut', error: signedOut ? null : error });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <main className="wallet">
      <header className="page-header">
        <h1>{m.heading}</h1>
        <LanguageSwitch />
      </header>
      {session.state === 'checking' && <p role="status">{m.loading}</p>}
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
