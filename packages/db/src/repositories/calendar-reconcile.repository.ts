import type { Queryable } from '../pool.ts';

/** Businesses whose calendar is Cal.com: the ones the reconcile looks at. */
export async function listCalcomTenantIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT id FROM tenants WHERE calendar_provider = 'calcom' ORDER BY created_at, id LIMIT 10000`,
  );
  return rows.map((r) => r.id as string);
}

export interface ProviderBooking {
  id: string;
  status: string;
  externalId: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** Our Cal.com bookings (confirmed or cancelled) starting in [from, to). */
export async function listCalcomBookingRows(
  db: Queryable,
  tenantId: string,
  from: Date,
  to: Date,
): Promise<ProviderBooking[]> {
  const { rows } = await db.query(
    `SELECT id, status, external_id, starts_at, ends_at FROM bookings
      WHERE tenant_id = $1 AND provider = 'calcom' AND status IN ('confirmed', 'cancelled')
        AND starts_at >= $2 AND starts_at < $3
      ORDER BY starts_at, id LIMIT 5000`,
    [tenantId, from, to],
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    externalId: r.external_id ?? null,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  }));
}
