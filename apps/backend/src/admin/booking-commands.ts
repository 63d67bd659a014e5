import type { BookingClient } from '@receptionist/booking-client';
import type { BreakerFactory } from '@receptionist/integrations/breaker';

export { bookingWorkflowId } from '@receptionist/booking-client';

export type BookingCommandOutcome =
  | { ok: true; workflowId: string }
  /** not_running: the booking's workflow has finished or never existed; unavailable: Temporal is not answering. */
  | { ok: false; reason: 'not_running' | 'unavailable' };

/** What the admin API asks of a booking; the booking workflow owns the change itself. */
export interface BookingCommands {
  cancel(tenantId: string, bookingId: string, reason: string): Promise<BookingCommandOutcome>;
  reschedule(tenantId: string, bookingId: string, startsAt: Date): Promise<BookingCommandOutcome>;
  attendance(
    tenantId: string,
    bookingId: string,
    attended: boolean,
  ): Promise<BookingCommandOutcome>;
}

/**
 * Cancel, reschedule and attendance through the booking workflows' own client (signals to
 * `booking-<id>`, checked against the workflow's tenant). The workflow refunds, releases the slot
 * or moves it; the API records that the request was accepted. Every call goes through a breaker
 * so a Temporal outage answers 503 quickly instead of holding the request.
 */
export function createBookingCommands(deps: {
  bookings: Pick<BookingClient, 'cancelBooking' | 'rescheduleBooking' | 'reportAttendance'>;
  breakers: BreakerFactory;
  timeoutMs: number;
}): BookingCommands {
  const run = async (
    bookingId: string,
    send: () => Promise<boolean>,
  ): Promise<BookingCommandOutcome> =>
    (await send())
      ? { ok: true, workflowId: `booking-${bookingId}` }
      : { ok: false, reason: 'not_running' };
  const breaker = deps.breakers.create('admin_booking_command', run, {
    timeoutMs: deps.timeoutMs,
    fallback: (): BookingCommandOutcome => ({ ok: false, reason: 'unavailable' }),
  });
  return {
    cancel: (tenantId, bookingId, reason) =>
      breaker.fire(bookingId, () =>
        deps.bookings.cancelBooking(tenantId, bookingId, reason, 'business'),
      ),
    reschedule: (tenantId, bookingId, startsAt) =>
      breaker.fire(bookingId, () =>
        deps.bookings.rescheduleBooking(tenantId, bookingId, startsAt, { source: 'business' }),
      ),
    attendance: (tenantId, bookingId, attended) =>
      breaker.fire(bookingId, () => deps.bookings.reportAttendance(tenantId, bookingId, attended)),
  };
}
