import type { BookingActivityDeps } from './booking-lookups.ts';
import { createBookingCalendarActivities } from './booking-calendar.activities.ts';
import { createBookingLifecycleActivities } from './booking-lifecycle.activities.ts';
import { createBookingPaymentActivities } from './booking-payment.activities.ts';
import { createBookingTextActivities } from './booking-text.activities.ts';
import { heartbeating } from './heartbeating.ts';

export type { BookingActivityDeps } from './booking-lookups.ts';
export { timingFor, type BookingPlan } from './booking-lifecycle.activities.ts';

/**
 * One object because the workflows call these by name and recorded histories replay those names:
 * the factories may move code between files, never rename what they return.
 */
export function createBookingActivities(deps: BookingActivityDeps) {
  const lifecycle = createBookingLifecycleActivities(deps);
  const calendar = createBookingCalendarActivities(deps);
  const payment = createBookingPaymentActivities(deps);
  return {
    ...lifecycle,
    ...calendar,
    ...payment,
    ...createBookingTextActivities(deps),
    // What a caller waits on before hearing "you're booked" (the callerPath options).
    prepareBooking: heartbeating(lifecycle.prepareBooking),
    holdSlot: heartbeating(calendar.holdSlot),
    createCheckout: heartbeating(payment.createCheckout),
  };
}

export type BookingActivities = ReturnType<typeof createBookingActivities>;
