// Retry policies and timeouts of every activity the booking workflows call, in one place.
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { BookingActivities } from '../activities/booking.activities.ts';

/** Failures that retrying cannot fix: the slot is gone, the request is invalid. */
export const NON_RETRYABLE = ['SlotTaken', 'SlotUnavailable', 'InvalidBooking', 'CalcomRejected'];

export const records: ActivityOptions = {
  // Database and calendar calls finish in milliseconds; a worker that died mid-call is retried soon.
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

// Money moves carry idempotency keys, so retrying them is safe; keep trying for a while.
export const payments: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 30,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

// A text that cannot go out after a few minutes of trying is not worth blocking the booking.
export const texts: ActivityOptions = {
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 8,
  },
};

/**
 * What a caller on the line waits on (booking.activities.ts heartbeats these): a worker that dies
 * running one is noticed at the heartbeat timeout, and the retry runs on another worker within
 * the seconds the agent waits for the booking, not after the start-to-close timeout.
 */
const CALLER_HEARTBEAT = '2 seconds';
export const callerPath: ActivityOptions = { ...records, heartbeatTimeout: CALLER_HEARTBEAT };
export const callerPayments: ActivityOptions = { ...payments, heartbeatTimeout: CALLER_HEARTBEAT };

export const recordActs =
  proxyActivities<
    Pick<
      BookingActivities,
      | 'confirmBooking'
      | 'releaseHold'
      | 'cancelAtProvider'
      | 'rescheduleBooking'
      | 'recordAttendance'
      | 'followUp'
    >
  >(records);
export const paymentActs =
  proxyActivities<Pick<BookingActivities, 'expireCheckout' | 'refundDeposit'>>(payments);
export const callerActs =
  proxyActivities<Pick<BookingActivities, 'prepareBooking' | 'holdSlot'>>(callerPath);
export const callerPaymentActs =
  proxyActivities<Pick<BookingActivities, 'createCheckout'>>(callerPayments);
export const textActs = proxyActivities<Pick<BookingActivities, 'sendBookingText'>>(texts);
