import type { PaymentEvent, TransactionSnapshot } from '@paysocket/protocol';
import {
  DepositQRModal,
  usePaymentSocket,
  usePaymentSocketDebug,
  useTransactionStatus,
} from '@paysocket/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ConnectionIndicator } from './ConnectionIndicator';
import { DepositForm } from './DepositForm';
import { describeApiError } from './describeApiError';
import { EventFeed, type FeedEntry } from './EventFeed';
import { formatVnd } from './formatVnd';
import { useLocale } from './LocaleContext';
import { PendingDeposits } from './PendingDeposits';
import { TransactionHistory } from './TransactionHistory';
import { walletApi } from './walletApi';
import { WithdrawForm, type WithdrawalResult } from './WithdrawForm';

interface WalletPageProps {
  userId: string;
  initialBalance: number;
  onSignedOut: () => void;
}

/**
 * Balance, deposit, withdraw and history of one signed-in user. Everything after the first
 * load changes because an event arrived or the connection came back — never on a timer.
 */
export function WalletPage({ userId, initialBalance, onSignedOut }: WalletPageProps) {
  const { locale, m } = useLocale();
  const [balance, setBalance] = useState(initialBalance);
  const [history, setHistory] = useState<{ items: TransactionSnapshot[]; receivedAt: number }>({
    items: [],
    receivedAt: 0,
  });
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [feed, setFeed] = useState<FeedEntry[]>([]);
  const [pageError, setPageError] = useState<unknown>(null);
  const [deposit, setDeposit] = useState<TransactionSnapshot | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [withdrawalId, setWithdrawalId] = useState<string | null>(null);
  const [withdrawalResult, setWithdrawalResult] = useState<WithdrawalResult | null>(null);

  // A refresh that started before an event can answer after it; only the newest counts.
  const latestRefresh = useRef(0);
  const refresh = useCallback(async () => {
    const id = ++latestRefresh.current;
    try {
      const [wallet, page] = await Promise.all([walletApi.wallet(), walletApi.transactions()]);
      if (id !== latestRefresh.current) return;
      setBalance(wallet.balance);
      setHistory({ items: page.items, receivedAt: Date.now() });
      setNextCursor(page.nextCursor);
      setPageError(null);
    } catch (error) {
      if (id === latestRefresh.current) setPageError(error);
    }
  }, []);

  const addToFeed = useCallback((event: PaymentEvent) => {
    setFeed((entries) => [{ key: `${entries.length}`, event }, ...entries]);
  }, []);

  const { connected, status } = usePaymentSocket(userId, {
    onDepositCompleted: (event) => {
      setBalance(event.newBalance);
      addToFeed(event);
      void refresh();
    },
    onWithdrawalCompleted: (event) => {
      setBalance(event.newBalance);
      addToFeed(event);
      if (event.transactionId === withdrawalId) {
        setWithdrawalResult({ ok: true, amount: event.amount, newBalance: event.newBalance });
      }
      void refresh();
    },
    onPaymentStatusUpdate: (event) => {
      addToFeed(event);
      if (event.transactionId === withdrawalId && event.status !== 'pending') {
        setWithdrawalResult({ ok: false, reason: event.metadata?.reason });
      }
      void refresh();
    },
  });

  // Logs connection changes and events to the console in development builds only.
  usePaymentSocketDebug(userId);

  // The first load, and every time the connection comes back: whatever happened while
  // the page was away is in the wallet and the history now.
  useEffect(() => {
    void refresh();
  }, [connected, refresh]);

  const depositState = useTransactionStatus(deposit?.transactionId ?? null);
  const waitingForPayment = deposit !== null && depositState.status === 'pending';

  async function startDeposit(amount: number) {
    const created = await walletApi.deposit(amount);
    setDeposit(created);
    setModalOpen(true);
    void refresh();
  }

  function reopenDeposit(snapshot: TransactionSnapshot) {
    setDeposit(snapshot);
    setModalOpen(true);
  }

  async function retryDeposit() {
    if (!deposit) return;
    try {
      setDeposit(await walletApi.deposit(deposit.amount));
      void refresh();
    } catch (cause) {
      setModalOpen(false);
      setPageError(cause);
    }
  }

  async function cancelDeposit() {
    if (!deposit) return;
    try {
      await walletApi.cancelDeposit(deposit.transactionId);
    } catch (cause) {
      setPageError(cause);
    }
  }

  async function startWithdrawal(amount: number) {
    setWithdrawalResult(null);
    const created = await walletApi.withdraw(amount);
    setWithdrawalId(created.transactionId);
    void refresh();
  }

  async function loadMore() {
    if (!nextCursor) return;
    try {
      const page = await walletApi.transactions(nextCursor);
      setHistory((current) => ({ ...current, items: [...current.items, ...page.items] }));
      setNextCursor(page.nextCursor);
    } catch (cause) {
      setPageError(cause);
    }
  }

  async function signOut() {
    try {
      await walletApi.logout();
    } catch (cause) {
      setPageError(cause);
      return;
    }
    onSignedOut();
  }

  return (
    <>
      <section className="card summary" aria-labelledby="balance-title">
        <div>
          <h2 id="balance-title">{m.balance}</h2>
          <p className="balance" data-testid="balance">
            {formatVnd(balance)}
          </p>
          <p className="muted">
            {m.user} <strong data-testid="user-id">{userId}</strong>
          </p>
        </div>
        <div className="summary-side">
          <ConnectionIndicator
            connected={connected}
            status={status}
            waitingForPayment={waitingForPayment}
          />
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {m.signOut}
          </button>
        </div>
      </section>

      {pageError !== null && (
        <p className="error card" role="alert">
          {describeApiError(pageError, m)}
        </p>
      )}

      <PendingDeposits
        items={history.items}
        receivedAt={history.receivedAt}
        onReopen={reopenDeposit}
      />

      <div className="columns">
        <DepositForm onSubmit={startDeposit} />
        <WithdrawForm
          balance={balance}
          onSubmit={startWithdrawal}
          pending={withdrawalId !== null && withdrawalResult === null}
          result={withdrawalResult}
        />
      </div>

      <EventFeed entries={feed} />
      <TransactionHistory
        items={history.items}
        hasMore={nextCursor !== null}
        onLoadMore={loadMore}
      />

      {deposit && (
        <DepositQRModal
          open={modalOpen}
          deposit={deposit}
          userId={userId}
          locale={locale}
          theme="system"
          lookupTransaction={walletApi.transaction}
          onCompleted={() => void refresh()}
          onClose={() => setModalOpen(false)}
          onRetry={() => void retryDeposit()}
          onCancel={() => void cancelDeposit()}
        />
      )}
    </>
  );
}
