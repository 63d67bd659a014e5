export const bookingStatuses = [
  'held',
  'pending_payment',
  'confirmed',
  'cancelled',
  'completed',
  'no_show',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** Statuses that occupy the calendar; the database's exclusion constraint uses the same list. */
export const activeBookingStatuses: readonly BookingStatus[] = [
  'held',
  'pending_payment',
  'confirmed',
];

/** Whether a booking in this status still holds its slot. */
export function isActiveBooking(status: string): boolean {
  return (activeBookingStatuses as readonly string[]).includes(status);
}

const transitions: Record<BookingStatus, readonly BookingStatus[]> = {
  held: ['pending_payment', 'confirmed', 'cancelled'],
  pending_payment: ['confirmed', 'cancelled'],
  confirmed: ['cancelled', 'completed', 'no_show'],
  cancelled: [],
  completed: [],
  no_show: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return transitions[from].includes(to);
}

/** The statuses a booking may be in for a write of `to` to apply: itself (a repeat) or one that leads there. */
export function statusesAllowingMoveTo(to: BookingStatus): BookingStatus[] {
  return bookingStatuses.filter((from) => from === to || canTransition(from, to));
}

export interface Booking {
  id: string;
  tenantId: string;
  contactId: string | null;
  resource: string;
  service: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  provider: 'builtin' | 'calcom';
  externalId: string | null;
  workflowId: string | null;
  holdExpiresAt: Date | null;
  depositAmountMinor: number;
  currency: string;
  notes: string;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The tenant's refund policy: the whole deposit back when the customer cancels at least
 * `fullRefundHours` before the start, nothing after. When the business calls the appointment
 * off, the customer is not at fault: the whole deposit comes back whenever it happens.
 * A cancellation made on Cal.com (`provider`) cannot tell who made it and follows the window.
 * Amounts are integer minor units.
 */
export function refundFor(opts: {
  paidMinor: number;
  alreadyRefundedMinor: number;
  startsAt: Date;
  cancelledAt: Date;
  fullRefundHours: number;
  cancelledBy?: 'caller' | 'business' | 'provider';
}): number {
  const hoursBefore = (opts.startsAt.getTime() - opts.cancelledAt.getTime()) / 3_600_000;
  if (opts.cancelledBy !== 'business' && hoursBefore < opts.fullRefundHours) return 0;
  return Math.max(0, opts.paidMinor - opts.alreadyRefundedMinor);
}

/** The deposit rule, in one place: a booking of this tenant must be paid for before it holds. */
export function depositDue(tenant: {
  depositRequired: boolean;
  depositAmountMinor: number;
}): boolean {
  return tenant.depositRequired && tenant.depositAmountMinor > 0;
}
