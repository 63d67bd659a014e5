import { getBooking, listBookingHistory } from '@receptionist/db';
import { isActiveBooking } from '@receptionist/domain';
import { HttpError } from '@receptionist/observability';
import type { BookingCommandOutcome } from './booking-commands.ts';
import { defineRoute, notFound } from './route-table.ts';
import {
  bookingCommandSchema,
  bookingSchema,
  pageOf,
  pageQuery,
  tenantParams,
  uuid,
  withTenant,
  z,
} from './schemas.ts';

const bookingParams = withTenant({ bookingId: uuid });

function accepted(outcome: BookingCommandOutcome) {
  if (outcome.ok) return outcome.workflowId;
  if (outcome.reason === 'not_running') {
    throw new HttpError(409, 'booking_not_active', 'the booking has no running workflow to act on');
  }
  throw new HttpError(503, 'booking_service_unavailable', 'bookings cannot be changed right now');
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
      const booking = await getBooking(db, params.tenantId, params.bookingId);
      if (!booking) throw notFound('booking');
      return booking;
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
      const booking = await getBooking(db, params.tenantId, params.bookingId);
      if (!booking) throw notFound('booking');
      if (!isActiveBooking(booking.status)) {
        throw new HttpError(409, 'booking_not_active', `the booking is ${booking.status}`);
      }
      const workflowId = accepted(
        await deps.bookingCommands.cancel(params.tenantId, booking.id, body.reason),
      );
      await audit({
        action: 'booking.cancel',
        resourceType: 'booking',
        resourceId: booking.id,
        before: booking,
        after: { requested: 'cancel', reason: body.reason },
      });
      return { bookingId: booking.id, command: 'cancel', status: 'accepted', workflowId };
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
      const booking = await getBooking(db, params.tenantId, params.bookingId);
      if (!booking) throw notFound('booking');
      if (!isActiveBooking(booking.status)) {
        throw new HttpError(409, 'booking_not_active', `the booking is ${booking.status}`);
      }
      const startsAt = new Date(body.startsAt);
      const workflowId = accepted(
        await deps.bookingCommands.reschedule(params.tenantId, booking.id, startsAt),
      );
      await audit({
        action: 'booking.reschedule',
        resourceType: 'booking',
        resourceId: booking.id,
        before: booking,
        after: { requested: 'reschedule', startsAt: startsAt.toISOString() },
      });
      return { bookingId: booking.id, command: 'reschedule', status: 'accepted', workflowId };
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
      const booking = await getBooking(db, params.tenantId, params.bookingId);
      if (!booking) throw notFound('booking');
      // Only a confirmed visit that has begun can have been attended or missed.
      if (booking.status !== 'confirmed') {
        throw new HttpError(409, 'booking_not_active', `the booking is ${booking.status}`);
      }
      if (new Date(booking.startsAt).getTime() > Date.now()) {
        throw new HttpError(409, 'booking_not_started', 'the booking has not started yet');
      }
      const workflowId = accepted(
        await deps.bookingCommands.attendance(params.tenantId, booking.id, body.attended),
      );
      await audit({
        action: 'booking.attendance',
        resourceType: 'booking',
        resourceId: booking.id,
        before: booking,
        after: { requested: 'attendance', attended: body.attended },
      });
      return { bookingId: booking.id, command: 'attendance', status: 'accepted', workflowId };
    },
  }),
];
