import { getBookingRecord, getContact, getPaymentForBooking } from '@receptionist/db';
import { renderBookingText, type BookingTextKind } from '@receptionist/domain';
import { bookingLookups, type BookingActivityDeps } from './booking-lookups.ts';

export function createBookingTextActivities(deps: Pick<BookingActivityDeps, 'db' | 'sms'>) {
  const { db } = deps;
  const { tenantOf } = bookingLookups(db);

  /**
   * Renders and sends one booking text. The idempotency key makes a retry (or a replayed
   * workflow) a no-op; opted-out contacts are skipped by the sender.
   */
  async function sendBookingText(input: {
    tenantId: string;
    bookingId: string;
    kind: BookingTextKind;
    idempotencyKey: string;
    /** Only send while the booking is confirmed at exactly this start (reminders). */
    onlyIfConfirmedAt?: string;
    refundMinor?: number;
    /** For bookings that never got a row (slot taken). */
    to?: string;
    startsAt?: string;
  }): Promise<{ status: string }> {
    const tenant = await tenantOf(input.tenantId);
    const booking = await getBookingRecord(db, tenant.id, input.bookingId);
    if (input.onlyIfConfirmedAt) {
      if (
        booking?.status !== 'confirmed' ||
        booking.startsAt.toISOString() !== input.onlyIfConfirmedAt
      )
        return { status: 'skipped_stale' };
    }
    let to = input.to ?? booking?.attendeePhone ?? null;
    if (!to && booking?.contactId)
      to = (await getContact(db, tenant.id, booking.contactId))?.phone ?? null;
    if (!to) return { status: 'skipped_no_phone' };
    const payment = booking ? await getPaymentForBooking(db, tenant.id, booking.id) : null;
    const body = renderBookingText(input.kind, {
      tenantName: tenant.name,
      language: tenant.languages[0] ?? 'en-US',
      timezone: tenant.timezone,
      startsAt: booking?.startsAt ?? new Date(input.startsAt ?? Date.now()),
      checkoutUrl: payment?.checkoutUrl ?? undefined,
      depositMinor: payment?.amountMinor ?? booking?.depositAmountMinor,
      refundMinor: input.refundMinor,
      currency: payment?.currency ?? tenant.currency,
    });
    const r = await deps.sms.send({
      tenantId: tenant.id,
      to,
      body,
      idempotencyKey: input.idempotencyKey,
    });
    return { status: r.status };
  }

  return { sendBookingText };
}
