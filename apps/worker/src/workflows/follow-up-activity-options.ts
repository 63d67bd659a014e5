// Retry policies and timeouts of the after-appointment and waitlist activities.
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { FollowUpActivities } from '../activities/follow-up.activities.ts';
import type { WaitlistActivities } from '../activities/waitlist.activities.ts';
import {
  NON_RETRYABLE,
  payments as money,
  records,
  texts as bookingTexts,
} from './activity-options.ts';

// The booking workflows' policies: records and money as they are. A follow-up text also stops at
// the failures retrying cannot fix; the key makes its retries safe and nothing waits on it.
const texts: ActivityOptions = {
  ...bookingTexts,
  retry: { ...bookingTexts.retry, nonRetryableErrorTypes: NON_RETRYABLE },
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
