import type { PaymentEventKind } from './events';
import {
  depositCompletedSchema,
  paymentStatusUpdateSchema,
  withdrawalCompletedSchema,
} from './schemas';

/** The schema of each payment event kind, for code that handles kinds generically. */
export const PAYMENT_EVENT_SCHEMAS = {
  deposit_completed: depositCompletedSchema,
  withdrawal_completed: withdrawalCompletedSchema,
  payment_status_update: paymentStatusUpdateSchema,
} as const satisfies Record<PaymentEventKind, unknown>;
