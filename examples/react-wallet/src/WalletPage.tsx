import type {
  DepositCompletedEvent,
  PaymentStatusUpdateEvent,
  TransactionSnapshot,
  WithdrawalCompletedEvent,
} from '@paysocket/protocol';
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
import { TransactionHistory } from './TransactionHistory';
import { walletApi } from './walletApi';
import { WithdrawForm } from './WithdrawForm';

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
  const [balance, setBalance] = useState(initialBalance);
  const [history, setHistory] = useState<TransactionSnapshot[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [feed, setFeed] = useState<FeedEntry[]>([]);
  const [pageError, setPageError] = useState<string | null>(null);
  const [deposit, setDeposit] = useState<TransactionSnapshot | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [withdrawalId, setWithdrawalId] = useState<string | null>(null);
  const [withdrawalResult, setWithdrawalResult] = useState<string | null>(null);

  // A refresh that started before an event can answer after it; only the newest counts.
  const latestRefresh = useRef(0);
  const refresh = useCallback(async () => {
    const id = ++latestRefresh.current;
    try {
      const [wallet, page] = await Promise.all([walletApi.wallet(), walletApi.transactions()]);
      if (id !== latestRefresh.current) return;
      setBalance(wallet.balance);
      setHistory(page.items);
      setNextCursor(page.nextCursor);
      setPageError(null);
    } catch (error) {
      if (id === latestRefresh.current) setPageError(describeApiError(error));
    }
  }, []);

  const addToFeed = useCallback(
    (
      event: DepositCompletedEvent | WithdrawalCompletedEvent | PaymentStatusUpdateEvent,
      text: string,
    ) => {
      setFeed((entries) => [
        { key: `${entries.length}`, transactionId: event.transactionId, text, at: event.timestamp },
        ...entries,
      ]);
    },
    [],
  );

  const { connected, status, error } = usePaymentSocket(userId, {
    onDepositCompleted: (event) => {
      setBalance(event.newBalance);
      addToFeed(event, `Nạp tiền thành công! Số dư mới: ${formatVnd(event.newBalance)}`);
      void refresh();
    },
    onWithdrawalCompleted: (event) => {
      setBalance(event.newBalance);
      addToFeed(
        event,
        `Rút tiền thành công ${formatVnd(event.amount)}. Số dư mới: ${formatVnd(event.newBalance)}`,
      );
      if (event.transactionId === withdrawalId) {
        setWithdrawalResult(
          `Đã rút ${formatVnd(event.amount)}. Số dư mới: ${formatVnd(event.newBalance)}`,
        );
      }
      void refresh();
    },
    onPaymentStatusUpdate: (event) => {
      addToFeed(event, event.message);
      if (event.transactionId === withdrawalId && event.status !== 'pending') {
        setWithdrawalResult(`Rút tiền không thành công: ${event.message}`);
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

  async function retryDeposit() {
    if (!deposit) return;
    try {
      setDeposit(await walletApi.deposit(deposit.amount));
      void refresh();
    } catch (cause) {
      setModalOpen(false);
      setPageError(describeApiError(cause));
    }
  }

  async function cancelDeposit() {
    if (!deposit) return;
    try {
      await walletApi.cancelDeposit(deposit.transactionId);
    } catch (cause) {
      setPageError(describeApiError(cause));
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
      setHistory((items) => [...items, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (cause) {
      setPageError(describeApiError(cause));
    }
  }

  async function signOut() {
    try {
      await walletApi.logout();
    } catch (cause) {
      setPageError(describeApiError(cause));
      return;
    }
    onSignedOut();
  }

  return (
    <>
      <section className="card summary" aria-labelledby="balance-title">
        <div>
          <h2 id="balance-title">Số dư</h2>
          <p className="balance" data-testid="balance">
            {formatVnd(balance)}
          </p>
          <p className="muted">
            Người dùng: <strong data-testid="user-id">{userId}</strong>
          </p>
        </div>
        <div className="summary-side">
          <ConnectionIndicator
            connected={connected}
            status={status}
            error={error}
            waitingForPayment={waitingForPayment}
          />
          <button type="button" className="secondary" onClick={() => void signOut()}>
            Đăng xuất
          </button>
        </div>
      </section>

      {pageError && (
        <p className="error card" role="alert">
          {pageError}
        </p>
      )}

      <div className="columns">
        <DepositForm onSubmit={startDeposit} />
        <WithdrawForm
          balance={balance}
          onSubmit={startWithdrawal}
          pending={withdrawalId !== null && withdrawalResult === null}
          result={withdrawalResult}
        />
      </div>

      {deposit && !modalOpen && waitingForPayment && (
        <p className="card" role="status">
          Giao dịch {formatVnd(deposit.amount)} vẫn đang chờ thanh toán.{' '}
          <button type="button" className="link" onClick={() => setModalOpen(true)}>
            Mở lại mã QR
          </button>
        </p>
      )}

      <EventFeed entries={feed} />
      <TransactionHistory items={history} hasMore={nextCursor !== null} onLoadMore={loadMore} />

      {deposit && (
        <DepositQRModal
          open={modalOpen}
          deposit={deposit}
          userId={userId}
          locale="vi"
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
