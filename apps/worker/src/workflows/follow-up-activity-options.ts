// Retry policies and timeouts of the after-appointment and waitlist activities.
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { FollowUpActivities } from '../activities/follow-up.activities.ts';
import type { WaitlistActivities } from '../activities/waitlist.activities.ts';
import { NON_RETRYABLE } from './activity-options.ts';

// Database reads and writes: milliseconds; a worker that died mid-call is retried soon.
const records: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

// A refund carries Stripe's idempotency key: retrying is safe, keep trying for a while.
const money: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 30,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

// A follow-up text that cannot go out after a few minutes is not worth more: the key makes the
// retries safe, and nothing else waits on it.
const texts: ActivityOptions = {
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 8,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

export const followUpRecords =
  proxyActivities<
    Pick<
      FollowUpActivities,
      'settleAppointment' | 'recordNoShow' | 'followUpTextWait' | 'planReviewRequest'
    >
  >(records);
export const followUpMoney = proxyActivities<Pick<FollowUpActivities, 'applyNoShowDeposit'>>(money);
export const followUpTexts =
  proxyActivities<Pick<FollowUpActivities, 'sendNoShowRebook' | 'sendReviewRequest'>>(texts);

export const waitlistRecords =
  proxyActivities<
    Pick<WaitlistActivities, 'describeFreedSlot' | 'settleWaitlistOffer' | 'waitlistBookingHeld'>
  >(records);
export const waitlistTexts = proxyActivities<Pick<WaitlistActivities, 'offerFreedSlot'>>(texts);
