// The calendar port's types, errors and helpers (see calendar.ts for the overview).
import type { BookingRecord } from '@receptionist/db';
import { readCalendarSettings, type CalendarSettings, type Tenant } from '@receptionist/domain';

export { SlotTakenError } from '@receptionist/db';

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export interface SlotQuery {
  from: Date;
  to: Date;
  /** A service name from tenant.services; its duration sets the slot length. */
  service?: string;
}

export interface Attendee {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  /** BCP 47 language for provider notifications. */
  language?: string | null;
}

export interface HoldRequest {
  bookingId: string;
  workflowId: string;
  startsAt: Date;
  /** Defaults to the service's duration (or the tenant's slot length). */
  endsAt?: Date;
  service?: string;
  resource?: string;
  contactId?: string | null;
  attendee: Attendee;
  /** 'pending_payment' when a deposit is due, else 'held'. */
  status: 'held' | 'pending_payment';
  holdExpiresAt: Date;
  depositAmountMinor?: number;
  currency?: string;
}

export interface CalendarProvider {
  readonly kind: 'builtin' | 'calcom';
  /** Bookable slots in [from, to). */
  findFreeSlots(tenant: Tenant, query: SlotQuery): Promise<Slot[]>;
  /** Takes the slot for this booking. Throws SlotTakenError or SlotUnavailableError. */
  hold(tenant: Tenant, req: HoldRequest): Promise<BookingRecord>;
  /** Makes the held booking final (at Cal.com: creates the booking there). */
  confirm(tenant: Tenant, bookingId: string): Promise<BookingRecord>;
  /** Frees a hold that was never confirmed (payment timed out). */
  release(tenant: Tenant, bookingId: string): Promise<BookingRecord | null>;
  /**
   * Cancels the booking. `alreadyCancelledAtProvider` when the cancellation came from the
   * provider itself (a Cal.com webhook), so it is not sent back.
   */
  cancel(
    tenant: Tenant,
    bookingId: string,
    opts: { reason: string; alreadyCancelledAtProvider?: boolean },
  ): Promise<BookingRecord>;
  /** Moves the booking; throws SlotTakenError when the new time is taken (the booking stays). */
  reschedule(
    tenant: Tenant,
    bookingId: string,
    to: { startsAt: Date; endsAt?: Date; externalId?: string | null; reason?: string },
  ): Promise<BookingRecord>;
}

/** The requested time is outside the business's opening hours or on a closed day. */
export class SlotUnavailableError extends Error {
  constructor(message = 'the business is not open at that time') {
    super(message);
    this.name = 'SlotUnavailableError';
  }
}

/** The calendar could not be reached; `userMessage` is what a caller should hear. */
export class CalendarUnavailableError extends Error {
  readonly userMessage =
    "I can't reach the calendar right now; let me take your details and we'll text you a time.";
  constructor(cause: Error) {
    super(`calendar unavailable: ${cause.message}`, { cause });
    this.name = 'CalendarUnavailableError';
  }
}

export type { CalendarSettings };

/** The tenant's calendar settings, each invalid stored value dropped for its default. */
export function calendarSettingsOf(tenant: Tenant): CalendarSettings {
  return readCalendarSettings(tenant.calendarSettings);
}

/** Appointment length for a booking: the service's duration, else the tenant's slot length. */
export function durationMinutesFor(tenant: Tenant, service?: string): number {
  const svc = service ? tenant.services.find((s) => s.name === service) : undefined;
  return svc?.durationMinutes ?? calendarSettingsOf(tenant).slotMinutes ?? 30;
}
