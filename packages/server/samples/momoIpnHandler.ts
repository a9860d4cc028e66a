import {
  canTransition,
  mapMomoResultCode,
  type ErrorBody,
  type TransactionStatus,
} from '@paysocket/protocol';
import {
  parseMomoIpn,
  verifyMomoIpnSignature,
  type PaymentNotifier,
  type SqliteDatabaseLike,
  type SqliteEventLog,
} from '@paysocket/server';

export interface MomoIpnDeps {
  /**
   * Your database, with your own records of each deposit and wallet:
   * `deposits (order_id PRIMARY KEY, user_id, amount, status, reason, trans_id)` and
   * `wallets (user_id PRIMARY KEY, balance)`.
   */
  db: SqliteDatabaseLike;
  /** The event log on that same database, so that a credit and its event commit together. */
  eventLog: SqliteEventLog;
  notifier: PaymentNotifier;
  momo: { partnerCode: string; accessKey: string; secretKey: string };
}

/** What to answer MoMo: 204 once the IPN is applied or changes nothing, else an error body. */
export interface IpnReply {
  status: 204 | 400 | 401 | 404 | 409;
  body?: ErrorBody;
}

interface DepositRow {
  user_id: string;
  amount: number;
  status: TransactionStatus;
  reason: string | null;
}

const refuse = (status: IpnReply['status'], code: string, message: string): IpnReply => ({
  status,
  body: { error: { code, message } },
});

/**
 * Applies one MoMo IPN (its JSON body, already parsed): credits the wallet only for a
 * success that is signed by MoMo, names this merchant and the amount of our own deposit.
 * Idempotent: MoMo may send an IPN more than once.
 */
export function handleMomoIpn(
  body: unknown,
  { db, eventLog, notifier, momo }: MomoIpnDeps,
): IpnReply {
  const parsed = parseMomoIpn(body);
  if (!parsed.ok) return refuse(400, 'INVALID_IPN', parsed.message);
  const { ipn } = parsed;
  if (!verifyMomoIpnSignature(ipn, ipn.signature, momo)) {
    return refuse(401, 'INVALID_SIGNATURE', 'bad signature');
  }
  if (ipn.partnerCode !== momo.partnerCode) {
    return refuse(400, 'PARTNER_MISMATCH', 'not our partnerCode');
  }
  const outcome = mapMomoResultCode(ipn.resultCode);
  return eventLog.transaction((tx): IpnReply => {
    const deposit = db
      .prepare('SELECT user_id, amount, status, reason FROM deposits WHERE order_id = ?')
      .get(ipn.orderId) as DepositRow | undefined;
    if (!deposit) return refuse(404, 'UNKNOWN_ORDER', `no deposit ${ipn.orderId}`);
    if (ipn.amount !== deposit.amount) {
      return refuse(400, 'AMOUNT_MISMATCH', `expected ${deposit.amount}, got ${ipn.amount}`);
    }
    const current = { status: deposit.status, reason: deposit.reason ?? undefined };
    // Still pending, or a repeat of the outcome already applied: nothing changes.
    if (outcome.status === 'pending' || outcome.status === current.status) return { status: 204 };
    // Final is final, except that a success still completes an expired or user-cancelled
    // deposit: the money was taken, so it must be credited.
    if (!canTransition(current, outcome.status)) {
      return refuse(409, 'CONFLICT', `deposit is already ${current.status}`);
    }
    const transactionId = ipn.orderId;
    if (outcome.status === 'completed') {
      db.prepare(
        "UPDATE deposits SET status = 'completed', reason = NULL, trans_id = ? WHERE order_id = ?",
      ).run(String(ipn.transId), transactionId);
      const { balance } = db
        .prepare(
          'INSERT INTO wallets (user_id, balance) VALUES (?, ?) ' +
            'ON CONFLICT (user_id) DO UPDATE SET balance = balance + excluded.balance RETURNING balance',
        )
        .get(deposit.user_id, deposit.amount) as { balance: number };
      notifier.depositCompleted(
        deposit.user_id,
        {
          transactionId,
          amount: deposit.amount,
          newBalance: balance,
          providerTransactionId: String(ipn.transId),
          message: 'Nạp tiền thành công',
        },
        tx, // emitted only once this transaction has committed
      );
    } else {
      // Declined, failed or expired at MoMo: recorded and told, never credited.
      db.prepare('UPDATE deposits SET status = ?, reason = ? WHERE order_id = ?').run(
        outcome.status,
        outcome.reason ?? null,
        transactionId,
      );
      notifier.paymentStatusUpdate(
        deposit.user_id,
        {
          transactionId,
          status: outcome.status,
          amount: deposit.amount,
          transactionType: 'deposit',
          message: ipn.message,
          metadata: { reason: outcome.reason },
        },
        tx,
      );
    }
    return { status: 204 };
  });
}
