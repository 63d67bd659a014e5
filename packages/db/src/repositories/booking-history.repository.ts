import type { Booking } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import { BOOKING_COLUMNS, mapBooking } from './bookings.repository.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

/** A business's bookings newest first, paged with exact (microsecond) cursors. */
export async function listBookingHistory(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<Booking>> {
  return listPage(
    db,
    { table: 'bookings', columns: BOOKING_COLUMNS, map: mapBooking },
    tenantId,
    page,
  );
}
