import { ApplicationFailure } from '@temporalio/common';
import {
  setBookingStatus,
  setContactLanguage,
  upsertContactByPhone,
  updateContactDetails,
} from '@receptionist/db';
import { depositDue, matchTenantLanguage, type Tenant } from '@receptionist/domain';
import type { AppointmentOutcome } from '@receptionist/booking-client/messages';
import { bookingLookups, type BookingActivityDeps } from './booking-lookups.ts';
import { createBookingTextActivities } from './booking-text.activities.ts';

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
export function timingFor(tenant: Tenant): Omit<BookingPlan, 'contactId' | 'depositDue'> {
  const s = tenant.settings as { reminderOffsetsHours?: unknown; followUpDelayMinutes?: unknown };
  const holdTimeoutMs = tenant.holdTimeoutMinutes * MINUTE;
  return {
    holdTimeoutMs,
    paymentReminderBeforeMs: Math.min(5 * MINUTE, Math.floor(holdTimeoutMs / 3)),
    reminderOffsetsMs: numberList(s.reminderOffsetsHours)?.map((h) => h * HOUR) ?? [
      24 * HOUR,
      2 * HOUR,
    ],
    followUpDelayMs:
      typeof s.followUpDelayMinutes === 'number' ? s.followUpDelayMinutes * MINUTE : 2 * HOUR,
  };
}

export function createBookingLifecycleActivities(
  deps: Pick<BookingActivityDeps, 'db' | 'tenants' | 'sms' | 'stripe'>,
) {
  const { db } = deps;
  const { tenantOf, bookingOf } = bookingLookups(deps);
  const { sendBookingText } = createBookingTextActivities(deps);

  return {
    async prepareBooking(input: {
      tenantId: string;
      bookingId: string;
      contactPhone: string;
      contactName?: string;
      /** The conversation's language: the booking's texts follow it. */
      language?: string;
    }): Promise<BookingPlan> {
      const tenant = await tenantOf(input.tenantId);
      const deposit = depositDue(tenant);
      // Refused before anything is held: a deposit nobody can take would leave a held slot behind.
      if (deposit && !deps.stripe)
        throw ApplicationFailure.nonRetryable(
          'the tenant asks a deposit and this deployment has no STRIPE_SECRET_KEY',
          'InvalidBooking',
        );
      const contact = await upsertContactByPhone(db, tenant.id, input.contactPhone);
      if (input.contactName && !contact.name)
        await updateContactDetails(db, tenant.id, contact.id, { name: input.contactName });
      const language = matchTenantLanguage(tenant.languages, input.language);
      if (language) await setContactLanguage(db, tenant.id, contact.id, language);
      return {
        contactId: contact.id,
        depositDue: deposit,
        ...timingFor(tenant),
      };
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
  };
}
