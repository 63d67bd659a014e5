import { getBooking, listBookingHistory, type Queryable } from '@receptionist/db';
import { isActiveBooking, type Booking } from '@receptionist/domain';
import { HttpError } from '@receptionist/observability';
import type { BookingCommandOutcome } from './booking-commands.ts';
import { defineRoute, orNotFound, type HandlerContext } from './route-table.ts';
import {
  bookingCommandSchema,
  bookingSchema,
  pageOf,
  pageQuery,
  tenantItem,
  tenantParams,
  z,
} from './schemas.ts';

const bookingParams = tenantItem('bookingId');

function accepted(outcome: BookingCommandOutcome) {
  if (outcome.ok) return outcome.workflowId;
  if (outcome.reason === 'not_running') {
    throw new HttpError(409, 'booking_not_active', 'the booking has no running workflow to act on');
  }
  throw new HttpError(503, 'booking_service_unavailable', 'bookings cannot be changed right now');
}

/**
 * The tail every booking command shares once the route has checked the booking's state (each
 * command has its own rule): wait for the booking workflow to take the command, audit what was
 * asked for, and answer 202 with that workflow. A refused command leaves no audit entry.
 */
async function commandAccepted(
  audit: HandlerContext<unknown, unknown, unknown>['audit'],
  booking: Booking,
  command: 'cancel' | 'reschedule' | 'attendance',
  sent: Promise<BookingCommandOutcome>,
  requested: Record<string, unknown>,
) {
  const workflowId = accepted(await sent);
  await audit({
    action: `booking.${command}`,
    resourceType: 'booking',
    resourceId: booking.id,
    before: booking,
    after: { requested: command, ...requested },
  });
  return { bookingId: booking.id, command, status: 'accepted' as const, workflowId };
}

async function findBooking(db: Queryable, p: { tenantId: string; bookingId: string }) {
  return orNotFound(await getBooking(db, p.tenantId, p.bookingId), 'booking');
}

/** Cancel and reschedule act on a booking that still holds its slot. */
function assertActive(booking: Booking): void {
  if (!isActiveBooking(booking.status)) {
    throw new HttpError(409, 'booking_not_active', `the booking is ${booking.status}`);
  }
}

export const bookingRoutes = [
  defineRoute({
    operationId: 'listBookings',
    method: 'get',
    path: '/tenants/{tenantId}/bookings',
    summary: 'List bookings, newest first',
    tag: 'bookings',
    access: 'tenant',
    params: tenantParams,
    query: pageQuery,
    status: 200,
    response: pageOf('Booking', bookingSchema),
    handler: ({ db, params, query }) => listBookingHistory(db, params.tenantId, query),
  }),
  defineRoute({
    operationId: 'getBooking',
    method: 'get',
    path: '/tenants/{tenantId}/bookings/{bookingId}',
    summary: 'Get one booking',
    tag: 'bookings',
    access: 'tenant',
    params: bookingParams,
    status: 200,
    response: bookingSchema,
    handler: async ({ db, params }) => {
      return findBooking(db, params);
    },
  }),
  defineRoute({
    operationId: 'cancelBooking',
    method: 'post',
    path: '/tenants/{tenantId}/bookings/{bookingId}/cancel',
    summary: 'Ask the booking workflow to cancel (refund per the business policy)',
    tag: 'bookings',
    access: 'tenant',
    params: bookingParams,
    body: z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi('BookingCancel'),
    status: 202,
    response: bookingCommandSchema,
    errors: [409],
    handler: async ({ db, deps, params, body, audit }) => {
      const booking = await findBooking(db, params);
      assertActive(booking);
      return commandAccepted(
        audit,
        booking,
        'cancel',
        deps.bookingCommands.cancel(params.tenantId, booking.id, body.reason),
        { reason: body.reason },
      );
    },
  }),
  defineRoute({
    operationId: 'rescheduleBooking',
    method: 'post',
    path: '/tenants/{tenantId}/bookings/{bookingId}/reschedule',
    summary: 'Ask the booking workflow to move the booking to a new start',
    tag: 'bookings',
    access: 'tenant',
    params: bookingParams,
    body: z
      .strictObject({
        startsAt: z.iso
          .datetime({ offset: true })
          .refine((s) => Date.parse(s) > Date.now(), 'must be in the future'),
      })
      .openapi('BookingReschedule'),
    status: 202,
    response: bookingCommandSchema,
    errors: [409],
    handler: async ({ db, deps, params, body, audit }) => {
      const booking = await findBooking(db, params);
      assertActive(booking);
      const startsAt = new Date(body.startsAt);
      return commandAccepted(
        audit,
        booking,
        'reschedule',
        deps.bookingCommands.reschedule(params.tenantId, booking.id, startsAt),
        { startsAt: startsAt.toISOString() },
      );
    },
  }),
  defineRoute({
    operationId: 'reportBookingAttendance',
    method: 'post',
    path: '/tenants/{tenantId}/bookings/{bookingId}/attendance',
    summary: 'Tell the booking workflow whether the caller came (attended) or not (no-show)',
    tag: 'bookings',
    access: 'tenant',
    params: bookingParams,
    body: z.strictObject({ attended: z.boolean() }).openapi('BookingAttendance'),
    status: 202,
    response: bookingCommandSchema,
    errors: [409],
    handler: async ({ db, deps, params, body, audit }) => {
      const booking = await findBooking(db, params);
      // Only a confirmed visit that has begun can have been attended or missed.
      if (booking.status !== 'confirmed') {
        throw new HttpError(409, 'booking_not_active', `the booking is ${booking.status}`);
      }
      if (new Date(booking.startsAt).getTime() > Date.now()) {
        throw new HttpError(409, 'booking_not_started', 'the booking has not started yet');
      }
      return commandAccepted(
        audit,
        booking,
        'attendance',
        deps.bookingCommands.attendance(params.tenantId, booking.id, body.attended),
        { attended: body.attended },
      );
    },
  }),
];
