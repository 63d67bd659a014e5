import type { BookingActivityDeps } from './booking-lookups.ts';
import { createBookingCalendarActivities } from './booking-calendar.activities.ts';
import { createBookingLifecycleActivities } from './booking-lifecycle.activities.ts';
import { createBookingPaymentActivities } from './booking-payment.activities.ts';
import { createBookingTextActivities } from './booking-text.activities.ts';

export type { BookingActivityDeps } from './booking-lookups.ts';
export { timingFor, type BookingPlan } from './booking-lifecycle.activities.ts';

/**
 * One object because the workflows call these by name and recorded histories replay those names:
 * the factories may move code between files, never rename what they return.
 */
export function createBookingActivities(deps: BookingActivityDeps) {
  return {
    ...createBookingLifecycleActivities(deps),
    ...createBookingCalendarActivities(deps),
    ...createBookingPaymentActivities(deps),
    ...createBookingTextActivities(deps),
  };
}

export type BookingActivities = ReturnType<typeof createBookingActivities>;
