import { ApplicationFailure } from '@temporalio/common';
import {
  claimReviewRequest,
  contactHasComplaint,
  getLastReviewRequest,
  getPaymentForBooking,
  recordPaymentOutcome,
  setBookingStatus,
  upsertContactByPhone,
} from '@receptionist/db';
import {
  appointmentOutcome,
  followUpSettings,
  noShowRefundMinor,
  renderBookingText,
  renderFollowUpText,
  reviewRequestAllowed,
} from '@receptionist/domain';
import type { AppointmentOutcome } from '@receptionist/booking-client/messages';
import { bookingLookups, type BookingActivityDeps } from './booking-lookups.ts';
import { createFollowUpSender, type FollowUpSenderDeps } from './follow-up-sender.ts';

type Deps = Pick<BookingActivityDeps, 'db' | 'tenants' | 'stripe'> & FollowUpSenderDeps;

interface AppointmentRef {
  tenantId: string;
  bookingId: string;
  startsAt: string;
}

export type ReviewSkip =
  'not_completed' | 'no_contact' | 'opted_out' | 'complaint' | 'asked_recently';

/**
 * The activities of the no-show and review request workflows and the settling of an appointment
 * once it is over. Each reads the booking again, so a booking moved or cancelled since is left
 * alone; each text has an idempotency key of its booking and start.
 */
export function createFollowUpActivities(deps: Deps) {
  const { db } = deps;
  const { tenantOf, bookingOf } = bookingLookups(deps);
  const sender = createFollowUpSender(deps);

  /** The booking if it still starts at `startsAt` (a move since makes this follow-up stale). */
  async function appointment(ref: AppointmentRef) {
    const booking = await bookingOf(ref.tenantId, ref.bookingId);
    return booking.startsAt.toISOString() === ref.startsAt ? booking : null;
  }

  async function reviewCheck(ref: AppointmentRef) {
    const tenant = await tenantOf(ref.tenantId);
    const settings = followUpSettings(tenant);
    const booking = await appointment(ref);
    const skip = (reason: ReviewSkip) => ({ skip: reason }) as const;
    if (!booking || booking.status !== 'completed') return skip('not_completed');
    // A booking made on the Cal.com page has an attendee's number and no contact yet: the
    // once-per-period rule needs one, as every other text to that number does.
    const contactId =
      booking.contactId ??
      (booking.attendeePhone
        ? (await upsertContactByPhone(db, tenant.id, booking.attendeePhone)).id
        : null);
    const contact = await sender.contactOf(tenant.id, contactId);
    if (!contact) return skip('no_contact');
    if (contact.optedOut) return skip('opted_out');
    if (await contactHasComplaint(db, tenant.id, contact.id, booking.startsAt))
      return skip('complaint');
    const last = await getLastReviewRequest(db, tenant.id, contact.id);
    if (
      last &&
      last.bookingId !== booking.id &&
      !reviewRequestAllowed(last.sentAt, new Date(), settings.reviewRepeatDays)
    )
      return skip('asked_recently');
    return { tenant, settings, booking, contact, reviewUrl: settings.reviewUrl };
  }

  return {
    /**
     * Once the appointment and its grace are over: attended or no-show, from staff's mark or,
     * unmarked, the tenant's rule. 'skipped' for a booking moved or no longer live.
     */
    async settleAppointment(
      input: AppointmentRef & { attended: boolean | null },
    ): Promise<AppointmentOutcome> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await appointment(input);
      if (!booking) return 'skipped';
      let outcome: 'completed' | 'no_show';
      if (booking.status === 'confirmed')
        outcome = appointmentOutcome(input.attended, followUpSettings(tenant));
      else if (booking.status === 'completed' || booking.status === 'no_show')
        outcome =
          input.attended === null ? booking.status : input.attended ? 'completed' : 'no_show';
      else return 'skipped';
      if (outcome !== booking.status) await setBookingStatus(db, tenant.id, booking.id, outcome);
      return outcome;
    },

    /** Marks the booking a no-show; false when it is no longer this appointment. */
    async recordNoShow(input: AppointmentRef): Promise<boolean> {
      const booking = await appointment(input);
      if (!booking || (booking.status !== 'confirmed' && booking.status !== 'no_show'))
        return false;
      if (booking.status !== 'no_show')
        await setBookingStatus(db, input.tenantId, booking.id, 'no_show');
      return true;
    },

    /** The tenant's no-show deposit rule: kept, or refunded once (Stripe key `refund-<id>`). */
    async applyNoShowDeposit(input: {
      tenantId: string;
      bookingId: string;
    }): Promise<{ policy: 'forfeit' | 'refund'; refundedMinor: number }> {
      const tenant = await tenantOf(input.tenantId);
      const { noShowDeposit: policy } = followUpSettings(tenant);
      const booking = await bookingOf(tenant.id, input.bookingId);
      const payment = await getPaymentForBooking(db, tenant.id, booking.id);
      if (!payment || (payment.status !== 'succeeded' && payment.status !== 'partially_refunded'))
        return { policy, refundedMinor: payment?.refundedMinor ?? 0 };
      const amount = noShowRefundMinor({
        policy,
        paidMinor: payment.amountMinor,
        alreadyRefundedMinor: payment.refundedMinor,
      });
      if (amount === 0) return { policy, refundedMinor: payment.refundedMinor };
      if (!deps.stripe || !payment.paymentIntentId)
        throw ApplicationFailure.nonRetryable(
          'paid deposit without a payment intent',
          'InvalidBooking',
        );
      await deps.stripe.refund({
        paymentIntentId: payment.paymentIntentId,
        amountMinor: amount,
        idempotencyKey: `refund-${booking.id}`,
        metadata: { tenantId: tenant.id, bookingId: booking.id, reason: 'no_show' },
      });
      const updated = await recordPaymentOutcome(db, tenant.id, booking.id, {
        kind: 'refunded',
        refundedMinor: payment.refundedMinor + amount,
      });
      return { policy, refundedMinor: updated?.refundedMinor ?? amount };
    },

    /** How long until the booking's contact may be texted (their quiet hours). */
    async followUpTextWait(input: { tenantId: string; bookingId: string }): Promise<number> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(tenant.id, input.bookingId);
      return sender.quietWaitMs(tenant, await sender.contactOf(tenant.id, booking.contactId));
    },

    /**
     * The rebooking offer: "we missed you, reply to book again". The reply reaches the contact's
     * SMS conversation like any text, where the agent books. Same key as the old follow-up text,
     * so a booking followed up before this workflow existed is not texted twice.
     */
    async sendNoShowRebook(input: AppointmentRef): Promise<{ status: string }> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await appointment(input);
      if (!booking || booking.status !== 'no_show') return { status: 'skipped_stale' };
      const contact = await sender.contactOf(tenant.id, booking.contactId);
      const to = booking.attendeePhone ?? contact?.phone;
      if (!to) return { status: 'skipped_no_phone' };
      const body = renderBookingText('no_show_rebook', {
        tenantName: tenant.name,
        language: sender.language(tenant, contact),
        timezone: tenant.timezone,
        startsAt: booking.startsAt,
      });
      const r = await sender.send({
        tenant,
        to,
        body,
        idempotencyKey: `booking:${booking.id}:followup:${input.startsAt}`,
        purpose: 'no_show_rebook',
      });
      return { status: r.status };
    },

    /** Whether a review request is due, and after how long (quiet hours); or why not. */
    async planReviewRequest(
      input: AppointmentRef,
    ): Promise<{ skip: ReviewSkip } | { waitMs: number }> {
      const c = await reviewCheck(input);
      if ('skip' in c) return { skip: c.skip };
      return { waitMs: sender.quietWaitMs(c.tenant, c.contact) };
    },

    /**
     * Checks everything again at send time, claims the contact's review request (one per
     * `reviewRepeatDays`), then texts the link.
     */
    async sendReviewRequest(input: AppointmentRef): Promise<{ status: string }> {
      const c = await reviewCheck(input);
      if ('skip' in c) return { status: `skipped_${c.skip}` };
      const { tenant, booking, contact } = c;
      if (
        !(await claimReviewRequest(
          db,
          tenant.id,
          contact.id,
          booking.id,
          c.settings.reviewRepeatDays,
        ))
      )
        return { status: 'skipped_asked_recently' };
      const language = sender.language(tenant, contact);
      // Without a review page the request asks for a reply, which staff read in the inbox.
      const body = c.reviewUrl
        ? renderFollowUpText('review_link', {
            tenantName: tenant.name,
            language,
            timezone: tenant.timezone,
            reviewUrl: c.reviewUrl,
          })
        : renderBookingText('review_request', {
            tenantName: tenant.name,
            language,
            timezone: tenant.timezone,
            startsAt: booking.startsAt,
          });
      const r = await sender.send({
        tenant,
        to: booking.attendeePhone ?? contact.phone,
        body,
        // The old follow-up text's key: a visit followed up before this workflow is not asked twice.
        idempotencyKey: `booking:${booking.id}:followup:${input.startsAt}`,
        purpose: 'review_request',
      });
      return { status: r.status };
    },
  };
}

export type FollowUpActivities = ReturnType<typeof createFollowUpActivities>;
