import Database from 'libsql';

/** What the fake provider keeps of one payment, like MoMo's own record of it. */
export interface FakeMomoPayment {
  orderId: string;
  requestId: string;
  partnerCode: string;
  amount: number;
  orderInfo: string;
  redirectUrl: string;
  ipnUrl: string;
  extraData: string;
  lang: 'vi' | 'en';
  /** The create request's signature: a resent create (same requestId) is recognised by it. */
  signature: string;
  /** 1000 while waiting for the payer, then 0 (paid) or 1006 (declined). */
  resultCode: number;
  /** MoMo's transaction id, once the payer acted. */
  transId: number | undefined;
  payType: string;
  payUrl: string;
  deeplink: string;
  qrCodeUrl: string;
  /** The `responseTime` of the create answer, so that a resent create gets the same answer. */
  createdAt: number;
  updatedAt: number;
}

export type NewFakeMomoPayment = Omit<
  FakeMomoPayment,
  'resultCode' | 'transId' | 'payType' | 'updatedAt'
>;

interface PaymentRow {
  order_id: string;
  request_id: string;
  partner_code: string;
  amount: number;
  order_info: string;
  redirect_url: string;
  ipn_url: string;
  extra_data: string;
  lang: 'vi' | 'en';
  signature: string;
  result_code: number;
  trans_id: number | null;
  pay_type: string;
  pay_url: string;
  deeplink: string;
  qr_code_url: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = `order_id, request_id, partner_code, amount, order_info, redirect_url, ipn_url,
  extra_data, lang, signature, result_code, trans_id, pay_type, pay_url, deeplink, qr_code_url,
  created_at, updated_at`;

/**
 * The fake provider's own tables, in the same SQLite file as the merchant's but on a
 * connection of its own: MoMo's records and the merchant's never share a transaction, so
 * neither side can lean on the other's state.
 */
export class FakeMomoStore {
  readonly #db: Database.Database;
  readonly #sql;

  constructor(path: string) {
    this.#db = new Database(path);
    if (path !== ':memory:') {
      this.#db.pragma('journal_mode = WAL');
      // As for the merchant's store: still all-or-nothing after a crash, without a sync per commit.
      this.#db.pragma('synchronous = NORMAL');
    }
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS fake_momo_payments (
        order_id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE,
        partner_code TEXT NOT NULL,
        amount INTEGER NOT NULL,
        order_info TEXT NOT NULL,
        redirect_url TEXT NOT NULL,
        ipn_url TEXT NOT NULL,
        extra_data TEXT NOT NULL,
        lang TEXT NOT NULL,
        signature TEXT NOT NULL,
        result_code INTEGER NOT NULL,
        trans_id INTEGER,
        pay_type TEXT NOT NULL,
        pay_url TEXT NOT NULL,
        deeplink TEXT NOT NULL,
        qr_code_url TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
    const db = this.#db;
    this.#sql = {
      insert: db.prepare(
        `INSERT INTO fake_momo_payments (${COLUMNS})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1000, NULL, '', ?, ?, ?, ?, ?)`,
      ),
      byOrder: db.prepare(`SELECT ${COLUMNS} FROM fake_momo_payments WHERE order_id = ?`),
      byRequest: db.prepare(`SELECT ${COLUMNS} FROM fake_momo_payments WHERE request_id = ?`),
      settle: db.prepare(
        `UPDATE fake_momo_payments SET result_code = ?, trans_id = ?, pay_type = ?, updated_at = ?
         WHERE order_id = ? AND result_code = 1000`,
      ),
    };
  }

  insert(payment: NewFakeMomoPayment): FakeMomoPayment {
    this.#sql.insert.run(
      payment.orderId,
      payment.requestId,
      payment.partnerCode,
      payment.amount,
      payment.orderInfo,
      payment.redirectUrl,
      payment.ipnUrl,
      payment.extraData,
      payment.lang,
      payment.signature,
      payment.payUrl,
      payment.deeplink,
      payment.qrCodeUrl,
      payment.createdAt,
      payment.createdAt,
    );
    return this.byOrder(payment.orderId) as FakeMomoPayment;
  }

  byOrder(orderId: string): FakeMomoPayment | undefined {
    const row = this.#sql.byOrder.get(orderId) as PaymentRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  byRequest(requestId: string): FakeMomoPayment | undefined {
    const row = this.#sql.byRequest.get(requestId) as PaymentRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Records the payer's answer; false when the payment was no longer waiting for one. */
  settle(orderId: string, resultCode: number, transId: number, payType: string): boolean {
    return this.#sql.settle.run(resultCode, transId, payType, Date.now(), orderId).changes === 1;
  }

  close(): void {
    this.#db.close();
  }
}

function fromRow(row: PaymentRow): FakeMomoPayment {
  return {
    orderId: row.order_id,
    requestId: row.request_id,
    partnerCode: row.partner_code,
    amount: row.amount,
    orderInfo: row.order_info,
    redirectUrl: row.redirect_url,
    ipnUrl: row.ipn_url,
    extraData: row.extra_data,
    lang: row.lang,
    signature: row.signature,
    resultCode: row.result_code,
    transId: row.trans_id ?? undefined,
    payType: row.pay_type,
    payUrl: row.pay_url,
    deeplink: row.deeplink,
    qrCodeUrl: row.qr_code_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
