import type { Booking } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import { mapBooking } from './bookings.repository.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';

const COLUMNS = `id, tenant_id, contact_id, resource, service, status, starts_at, ends_at, provider, external_id,
  workflow_id, hold_expires_at, deposit_amount_minor, currency, notes, cancelled_at, created_at, updated_at`;

/** A business's bookings newest first, paged with exact (microsecond) cursors. */
export async function listBookingHistory(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<Booking>> {
  return listPage(db, { table: 'bookings', columns: COLUMNS, map: mapBooking }, tenantId, page);
}
