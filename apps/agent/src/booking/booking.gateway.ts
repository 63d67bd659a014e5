import type { BookingStatus, Tenant } from '@receptionist/domain';
import type { Slot } from '@receptionist/integrations/calendar';

export { SlotTakenError } from '@receptionist/db';

/**
 * The agent's one door to calendars and bookings. The service books through the booking workflow
 * (workflow-booking.gateway.ts); the built-in implementation works directly on Postgres and
 * serves the agent's own tests.
 */
export interface BookingGateway {
  findFreeSlots(
    tenant: Tenant,
    range: { from: Date; to: Date },
    service: string,
    opts?: { limit?: number },
  ): Promise<Slot[]>;
  /** Raises SlotTakenError when the slot was taken in the meantime. */
  book(tenantId: string, req: BookRequest): Promise<BookResult>;
  lookupByPhone(tenantId: string, phone: string): Promise<BookingSummary[]>;
  cancel(tenantId: string, bookingId: string): Promise<BookingSummary | null>;
  /** Raises SlotTakenError when the new slot is taken; the old booking then stays as it was. */
  reschedule(tenantId: string, bookingId: string, startsAt: Date): Promise<BookResult>;
  /** A payment link for the booking's deposit; null while no payment provider issues links. */
  createDepositLink(tenantId: string, bookingId: string): Promise<{ url: string } | null>;
  /**
   * Puts the caller on the waitlist of a full day through the waitlist repository of
   * `@receptionist/db`, the one writer of `waitlist_entries` (the admin API's and the worker's
   * too). Joining again for the same day and service keeps the first place: `created` is false.
   */
  joinWaitlist(tenantId: string, req: WaitlistRequest): Promise<WaitlistJoined>;
}

export interface WaitlistRequest {
  contactId: string;
  phone: string;
  name: string | null;
  service: string;
  /** The tenant's local date the caller wants (YYYY-MM-DD). */
  day: string;
  /** One of the tenant's BCP 47 tags: the offer is texted in it. */
  language: string | null;
}

export interface WaitlistJoined {
  entryId: string;
  created: boolean;
}

export interface BookRequest {
  contactPhone: string;
  name: string;
  service: string;
  startsAt: Date;
  /** The conversation's language (one of the tenant's BCP 47 tags): the booking's texts use it. */
  language?: string;
}

export interface BookResult {
  bookingId: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  service: string;
  /** Present once a payment provider issues deposit links; absent means none was created. */
  depositUrl?: string;
  depositAmountMinor: number;
  currency: string;
  /**
   * The booking system texts the confirmation (or the deposit link) itself: the agent must not
   * send a second one.
   */
  confirmationTexted?: boolean;
}

export interface BookingSummary {
  bookingId: string;
  service: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
}

export class UnknownServiceError extends Error {
  constructor(service: string) {
    super(`unknown service ${service}`);
    this.name = 'UnknownServiceError';
  }
}

export function resolveService(tenant: Tenant, service: string) {
  const wanted = service.trim().toLowerCase();
  return (
    tenant.services.find((s) => s.name.toLowerCase() === wanted) ??
    tenant.services.find(
      (s) => s.name.toLowerCase().includes(wanted) || wanted.includes(s.name.toLowerCase()),
    ) ??
    null
  );
}
