import { ApplicationFailure } from '@temporalio/common';
import {
  ensurePayment,
  getBookingRecord,
  getContact,
  getPaymentForBooking,
  getTenant,
  recordPaymentOutcome,
  setBookingStatus,
  setPaymentCheckout,
  SlotTakenError,
  upsertContactByPhone,
  updateContactDetails,
  type Db,
} from '@receptionist/db';
import {
  refundFor,
  renderBookingText,
  type BookingTextKind,
  type Tenant,
} from '@receptionist/domain';
import { SlotUnavailableError, type Calendars } from '@receptionist/integrations/calendar';
import type { SmsSender } from '@receptionist/integrations/sms';
import type { StripeGateway } from '@receptionist/integrations/stripe';
import type { Logger } from '@receptionist/observability';
import type { AppointmentOutcome, BookingTiming } from '@receptionist/booking-client/messages';

export interface BookingActivityDeps {
  db: Db;
  logger: Logger;
  calendars: Calendars;
  sms: SmsSender;
  /** Absent when the deployment has no Stripe key: deposits cannot be taken. */
  stripe: StripeGateway | null;
  /** Where Checkout sends the caller back to (success/cancel pages). */
  publicBaseUrl: string;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface BookingPlan {
  contactId: string;
  depositDue: boolean;
  holdTimeoutMs: number;
  paymentReminderBeforeMs: number;
  reminderOffsetsMs: number[];
  followUpDelayMs: number;
}

function numberList(v: unknown): number[] | undefined {
  return Array.isArray(v) && v.every((n) => typeof n === 'number' && n > 0) ? v : undefined;
}

/** Tenant settings (jsonb) that tune the booking lifecycle; absent keys take the defaults. */
export function timingFor(
  tenant: Tenant,
  override: BookingTiming = {},
): Omit<BookingPlan, 'contactId' | 'depositDue'> {
  const s = tenant.settings as { reminderOffsetsHours?: unknown; followUpDelayMinutes?: unknown };
  const holdTimeoutMs = override.holdTimeoutMs ?? tenant.holdTimeoutMinutes * MINUTE;
  return {
    holdTimeoutMs,
    paymentReminderBeforeMs:
      override.paymentReminderBeforeMs ?? Math.min(5 * MINUTE, Math.floor(holdTimeoutMs / 3)),
    reminderOffsetsMs: override.reminderOffsetsMs ??
      numberList(s.reminderOffsetsHours)?.map((h) => h * HOUR) ?? [24 * HOUR, 2 * HOUR],
    followUpDelayMs:
      override.followUpDelayMs ??
      (typeof s.followUpDelayMinutes === 'number' ? s.followUpDelayMinutes * MINUTE : 2 * HOUR),
  };
}

export function createBookingActivities(deps: BookingActivityDeps) {
  const { db } = deps;

  async function tenantOf(tenantId: string): Promise<Tenant> {
    const t = await getTenant(db, tenantId);
    if (!t) throw ApplicationFailure.nonRetryable(`tenant ${tenantId} not found`, 'InvalidBooking');
    return t;
  }

  async function bookingOf(tenantId: string, bookingId: string) {
    const b = await getBookingRecord(db, tenantId, bookingId);
    if (!b)
      throw ApplicationFailure.nonRetryable(`booking ${bookingId} not found`, 'InvalidBooking');
    return b;
  }

  function domainFailure(err: unknown): never {
    if (err instanceof SlotTakenError)
      throw ApplicationFailure.nonRetryable(err.message, 'SlotTaken');
    if (err instanceof SlotUnavailableError)
      throw ApplicationFailure.nonRetryable(err.message, 'SlotUnavailable');
    const status = (err as { status?: number; name?: string }).status;
    if (
      (err as { name?: string }).name === 'CalcomApiError' &&
      status &&
      status < 500 &&
      status !== 429
    )
      throw ApplicationFailure.nonRetryable((err as Error).message, 'CalcomRejected');
    throw err;
  }

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

  return {
    async prepareBooking(input: {
      tenantId: string;
      bookingId: string;
      contactPhone: string;
      contactName?: string;
      timing?: BookingTiming;
    }): Promise<BookingPlan> {
      const tenant = await tenantOf(input.tenantId);
      const contact = await upsertContactByPhone(db, tenant.id, input.contactPhone);
      if (input.contactName && !contact.name)
        await updateContactDetails(db, tenant.id, contact.id, { name: input.contactName });
      return {
        contactId: contact.id,
        depositDue: tenant.depositRequired && tenant.depositAmountMinor > 0,
        ...timingFor(tenant, input.timing),
      };
    },

    async holdSlot(input: {
      tenantId: string;
      bookingId: string;
      workflowId: string;
      startsAt: string;
      endsAt?: string;
      service?: string;
      resource?: string;
      contactId: string;
      contactName?: string;
      contactPhone: string;
      depositDue: boolean;
      holdExpiresAt: string;
    }): Promise<{ startsAt: string; endsAt: string }> {
      const tenant = await tenantOf(input.tenantId);
      try {
        const b = await deps.calendars.for(tenant).hold(tenant, {
          bookingId: input.bookingId,
          workflowId: input.workflowId,
          startsAt: new Date(input.startsAt),
          endsAt: input.endsAt ? new Date(input.endsAt) : undefined,
          service: input.service,
          resource: input.resource,
          contactId: input.contactId,
          attendee: { name: input.contactName, phone: input.contactPhone },
          status: input.depositDue ? 'pending_payment' : 'held',
          holdExpiresAt: new Date(input.holdExpiresAt),
          depositAmountMinor: input.depositDue ? tenant.depositAmountMinor : 0,
          currency: tenant.currency,
        });
        return { startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() };
      } catch (err) {
        domainFailure(err);
      }
    },

    async createCheckout(input: { tenantId: string; bookingId: string }): Promise<{ url: string }> {
      if (!deps.stripe)
        throw ApplicationFailure.nonRetryable('deposits need STRIPE_SECRET_KEY', 'InvalidBooking');
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      const payment = await ensurePayment(db, tenant.id, {
        bookingId: booking.id,
        idempotencyKey: `checkout-${booking.id}`,
        amountMinor: booking.depositAmountMinor,
        currency: booking.currency,
      });
      if (payment.checkoutUrl) return { url: payment.checkoutUrl };
      const session = await deps.stripe.createCheckoutSession({
        tenantId: tenant.id,
        bookingId: booking.id,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        description: `Deposit — ${tenant.name}${booking.service ? `, ${booking.service}` : ''}`,
        successUrl: `${deps.publicBaseUrl}/bookings/${booking.id}/paid`,
        cancelUrl: `${deps.publicBaseUrl}/bookings/${booking.id}/payment-cancelled`,
        idempotencyKey: payment.idempotencyKey,
      });
      await setPaymentCheckout(db, tenant.id, payment.id, {
        sessionId: session.id,
        url: session.url,
      });
      return { url: session.url };
    },

    async expireCheckout(input: {
      tenantId: string;
      bookingId: string;
    }): Promise<{ paid: boolean; paymentIntentId: string | null }> {
      const payment = await getPaymentForBooking(db, input.tenantId, input.bookingId);
      if (!payment) return { paid: false, paymentIntentId: null };
      if (
        payment.status === 'succeeded' ||
        payment.status === 'refunded' ||
        payment.status === 'partially_refunded'
      )
        return { paid: true, paymentIntentId: payment.paymentIntentId };
      if (payment.status !== 'pending' || !payment.checkoutSessionId || !deps.stripe)
        return { paid: false, paymentIntentId: null };
      const r = await deps.stripe.expireCheckoutSession(
        payment.checkoutSessionId,
        `expire-${input.bookingId}`,
      );
      await recordPaymentOutcome(
        db,
        input.tenantId,
        input.bookingId,
        r.paid ? { kind: 'succeeded', paymentIntentId: r.paymentIntentId } : { kind: 'expired' },
      );
      return r;
    },

    async releaseHold(input: { tenantId: string; bookingId: string }): Promise<void> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      await deps.calendars[booking.provider].release(tenant, booking.id);
    },

    async confirmBooking(input: {
      tenantId: string;
      bookingId: string;
      paymentIntentId: string | null;
    }): Promise<void> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      if (input.paymentIntentId !== null || booking.depositAmountMinor > 0)
        await recordPaymentOutcome(db, tenant.id, booking.id, {
          kind: 'succeeded',
          paymentIntentId: input.paymentIntentId,
        });
      try {
        await deps.calendars[booking.provider].confirm(tenant, booking.id);
      } catch (err) {
        domainFailure(err);
      }
    },

    async cancelAtProvider(input: {
      tenantId: string;
      bookingId: string;
      reason: string;
      alreadyCancelledAtProvider: boolean;
    }): Promise<void> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      try {
        await deps.calendars[booking.provider].cancel(tenant, booking.id, {
          reason: input.reason,
          alreadyCancelledAtProvider: input.alreadyCancelledAtProvider,
        });
      } catch (err) {
        domainFailure(err);
      }
    },

    async refundDeposit(input: {
      tenantId: string;
      bookingId: string;
      cancelledAt: string;
    }): Promise<{ refundedMinor: number }> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      const payment = await getPaymentForBooking(db, tenant.id, booking.id);
      if (
        !payment ||
        payment.status === 'pending' ||
        payment.status === 'failed' ||
        payment.status === 'expired'
      )
        return { refundedMinor: 0 };
      const amount = refundFor({
        paidMinor: payment.amountMinor,
        alreadyRefundedMinor: payment.refundedMinor,
        startsAt: booking.startsAt,
        cancelledAt: new Date(input.cancelledAt),
        fullRefundHours: tenant.refundFullUntilHours,
      });
      if (amount === 0) return { refundedMinor: payment.refundedMinor };
      if (!deps.stripe || !payment.paymentIntentId)
        throw ApplicationFailure.nonRetryable(
          'paid deposit without a payment intent',
          'InvalidBooking',
        );
      // One refund per booking whatever the retries: Stripe replays the stored answer for the key.
      await deps.stripe.refund({
        paymentIntentId: payment.paymentIntentId,
        amountMinor: amount,
        idempotencyKey: `refund-${booking.id}`,
        metadata: { tenantId: tenant.id, bookingId: booking.id },
      });
      const updated = await recordPaymentOutcome(db, tenant.id, booking.id, {
        kind: 'refunded',
        refundedMinor: payment.refundedMinor + amount,
      });
      return { refundedMinor: updated?.refundedMinor ?? amount };
    },

    async rescheduleBooking(input: {
      tenantId: string;
      bookingId: string;
      startsAt: string;
      endsAt?: string;
      externalId?: string;
      source: 'caller' | 'business' | 'provider';
    }): Promise<
      | { ok: true; startsAt: string; endsAt: string }
      | { ok: false; reason: 'slot_taken' | 'slot_unavailable' }
    > {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(input.tenantId, input.bookingId);
      try {
        const moved = await deps.calendars[booking.provider].reschedule(tenant, booking.id, {
          startsAt: new Date(input.startsAt),
          endsAt: input.endsAt ? new Date(input.endsAt) : undefined,
          externalId: input.externalId ?? null,
        });
        return {
          ok: true,
          startsAt: moved.startsAt.toISOString(),
          endsAt: moved.endsAt.toISOString(),
        };
      } catch (err) {
        if (err instanceof SlotTakenError) return { ok: false, reason: 'slot_taken' };
        if (err instanceof SlotUnavailableError) return { ok: false, reason: 'slot_unavailable' };
        domainFailure(err);
      }
    },

    async recordAttendance(input: {
      tenantId: string;
      bookingId: string;
      attended: boolean;
    }): Promise<void> {
      const booking = await bookingOf(input.tenantId, input.bookingId);
      if (booking.status === 'confirmed')
        await setBookingStatus(
          db,
          input.tenantId,
          booking.id,
          input.attended ? 'completed' : 'no_show',
        );
    },

    async followUp(input: {
      tenantId: string;
      bookingId: string;
      startsAt: string;
    }): Promise<AppointmentOutcome> {
      const booking = await bookingOf(input.tenantId, input.bookingId);
      if (booking.startsAt.toISOString() !== input.startsAt) return 'skipped';
      if (booking.status === 'confirmed') {
        await setBookingStatus(db, input.tenantId, booking.id, 'completed');
      } else if (booking.status !== 'completed' && booking.status !== 'no_show') {
        return 'skipped';
      }
      const outcome = booking.status === 'no_show' ? 'no_show' : 'completed';
      await sendBookingText({
        tenantId: input.tenantId,
        bookingId: booking.id,
        kind: outcome === 'no_show' ? 'no_show_rebook' : 'review_request',
        idempotencyKey: `booking:${booking.id}:followup:${input.startsAt}`,
      });
      return outcome;
    },

    sendBookingText,
  };
}

export type BookingActivities = ReturnType<typeof createBookingActivities>;
