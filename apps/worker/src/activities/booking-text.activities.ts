import {
  getBookingRecord,
  getContact,
  getContactByPhone,
  getPaymentForBooking,
} from '@receptionist/db';
import { renderBookingText, resolveLanguage, type BookingTextKind } from '@receptionist/domain';
import { bookingLookups, type BookingActivityDeps } from './booking-lookups.ts';

export function createBookingTextActivities(
  deps: Pick<BookingActivityDeps, 'db' | 'tenants' | 'sms'>,
) {
  const { db } = deps;
  const { tenantOf } = bookingLookups(deps);

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
    /** The conversation's language, for a booking that never got a row. */
    language?: string;
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
    const contact = booking?.contactId
      ? await getContact(db, tenant.id, booking.contactId)
      : input.to
        ? await getContactByPhone(db, tenant.id, input.to)
        : null;
    const to = input.to ?? booking?.attendeePhone ?? contact?.phone ?? null;
    if (!to) return { status: 'skipped_no_phone' };
    // The language the caller booked in (kept on the contact), else the business's own.
    const language = resolveLanguage(tenant.languages, input.language ?? contact?.language);
    const payment = booking ? await getPaymentForBooking(db, tenant.id, booking.id) : null;
    const body = renderBookingText(input.kind, {
      tenantName: tenant.name,
      language,
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
