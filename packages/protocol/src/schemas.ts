import * as z from 'zod/mini';

const nonEmptyString = z.string().check(z.minLength(1));

/** An amount or balance: a non-negative safe integer (VND has no minor unit). */
export const amountSchema = z.int().check(z.nonnegative());

/** A timestamp string that `Date.parse` understands (ISO 8601 from every server here). */
export const timestampSchema = z
  .string()
  .check(
    z.refine((value) => !Number.isNaN(Date.parse(value)), { message: 'unparseable timestamp' }),
  );

export const transactionStatusSchema = z.enum(['pending', 'completed', 'failed', 'cancelled']);
export const transactionTypeSchema = z.enum(['deposit', 'withdrawal']);

/** Fields a server that keeps an event log adds to every payment event. */
const deliveryFields = {
  /** Unique per event; lets clients drop repeats of non-terminal events. */
  eventId: z.optional(nonEmptyString),
  /** Per user, strictly increasing from 1. */
  seq: z.optional(z.int().check(z.positive())),
};

export const depositCompletedSchema = z.looseObject({
  type: z.literal('deposit_completed'),
  transactionId: nonEmptyString,
  amount: amountSchema,
  newBalance: amountSchema,
  providerTransactionId: z.optional(z.string()),
  message: z.string(),
  timestamp: timestampSchema,
  ...deliveryFields,
});

export const withdrawalCompletedSchema = z.looseObject({
  type: z.literal('withdrawal_completed'),
  transactionId: nonEmptyString,
  amount: amountSchema,
  newBalance: amountSchema,
  message: z.string(),
  timestamp: timestampSchema,
  ...deliveryFields,
});

export const statusMetadataSchema = z.looseObject({
  /** Why it failed or was cancelled: `expired`, `declined`, `momo_<code>`… */
  reason: z.optional(z.string()),
});

export const paymentStatusUpdateSchema = z.looseObject({
  type: z.literal('payment_status_update'),
  transactionId: nonEmptyString,
  status: transactionStatusSchema,
  amount: amountSchema,
  transactionType: transactionTypeSchema,
  message: z.string(),
  metadata: z.optional(statusMetadataSchema),
  timestamp: timestampSchema,
  ...deliveryFields,
});

export const sessionSchema = z.looseObject({
  userId: nonEmptyString,
  /** Names one event log; changes only if the log was lost. */
  epoch: nonEmptyString,
  /** The seq this socket is up to date with. */
  lastSeq: z.int().check(z.nonnegative()),
  /** True when the log no longer held everything after the client's lastSeq. */
  gap: z.boolean(),
  serverTime: timestampSchema,
});

/** A transaction as the REST API returns it. */
export const transactionSnapshotSchema = z.looseObject({
  transactionId: nonEmptyString,
  type: transactionTypeSchema,
  status: transactionStatusSchema,
  amount: amountSchema,
  /** Present once completed. */
  newBalance: z.optional(amountSchema),
  providerTransactionId: z.optional(z.string()),
  reason: z.optional(z.string()),
  message: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** The server's clock when it answered; the reference server always sends it. */
  serverTime: z.optional(timestampSchema),
  /** Deposits: when the QR stops being payable. */
  expiresAt: z.optional(timestampSchema),
  /** Deposits: where the QR points. */
  paymentUrl: z.optional(z.string()),
  /** Deposits: opens the MoMo app on a phone. */
  deeplink: z.optional(z.string()),
  /** Deposits: the text to encode in the QR, when it differs from paymentUrl. */
  qrCodeData: z.optional(z.string()),
});

export const walletSchema = z.looseObject({
  userId: nonEmptyString,
  balance: amountSchema,
  currency: z.literal('VND'),
});

export const transactionsPageSchema = z.looseObject({
  items: z.array(transactionSnapshotSchema),
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: z.nullable(z.string()),
});

export const loginResponseSchema = z.looseObject({
  userId: nonEmptyString,
  token: nonEmptyString,
});

export const errorBodySchema = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});

export type DepositCompletedEvent = z.infer<typeof depositCompletedSchema>;
export type WithdrawalCompletedEvent = z.infer<typeof withdrawalCompletedSchema>;
export type PaymentStatusUpdateEvent = z.infer<typeof paymentStatusUpdateSchema>;
export type SessionInfo = z.infer<typeof sessionSchema>;
export type TransactionSnapshot = z.infer<typeof transactionSnapshotSchema>;
export type Wallet = z.infer<typeof walletSchema>;
export type TransactionsPage = z.infer<typeof transactionsPageSchema>;
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type PaymentEvent =
  DepositCompletedEvent | WithdrawalCompletedEvent | PaymentStatusUpdateEvent;

/**
 * Request bodies of the REST API. They check shape; the server still applies its rules
 * (MoMo's amount range, the balance) and refuses with its own codes. Marked pure, so a
 * browser bundle that never parses a request leaves them out.
 */
export const depositRequestSchema = /* @__PURE__ */ z.object({
  amount: /* @__PURE__ */ z.int(),
  provider: /* @__PURE__ */ z.literal('momo'),
});
export const withdrawRequestSchema = /* @__PURE__ */ z.object({
  amount: /* @__PURE__ */ z.int(),
});
/** The dev login's user id: 1-64 letters, digits or `_ . @ -`. */
export const loginRequestSchema = /* @__PURE__ */ z.object({
  userId: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^[A-Za-z0-9_.@-]{1,64}$/)),
});
export type DepositRequest = z.infer<typeof depositRequestSchema>;
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;
export type LoginRequest = z.infer<typeof loginRequestSchema>;
