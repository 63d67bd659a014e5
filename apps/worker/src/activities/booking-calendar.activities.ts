import { ApplicationFailure } from '@temporalio/common';
import { recordPaymentOutcome, SlotTakenError } from '@receptionist/db';
import { SlotUnavailableError } from '@receptionist/integrations/calendar';
import { bookingLookups, type BookingActivityDeps } from './booking-lookups.ts';

/** Calendar refusals become typed failures the workflow branches on; anything else is retried. */
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

export function createBookingCalendarActivities(
  deps: Pick<BookingActivityDeps, 'db' | 'tenants' | 'calendars'>,
) {
  const { db } = deps;
  const { tenantOf, bookingOf } = bookingLookups(deps);

  return {
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
  };
}
