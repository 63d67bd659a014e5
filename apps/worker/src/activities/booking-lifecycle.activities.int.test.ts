// prepareBooking against a real database: a deployment that cannot take deposits refuses a
// deposit booking before anything is held or stored.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, updateTenantBookingSettings, type Db } from '@receptionist/db';
import { createOutboxSmsSender } from '@receptionist/integrations/sms';
import { createTestDatabase, type TestDatabase } from '@receptionist/testing';
import { createBookingLifecycleActivities } from './booking-lifecycle.activities.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

async function clinic(deposit: boolean) {
  const t = await createTenant(tdb.pool, {
    slug: `dep-${randomUUID().slice(0, 8)}`,
    name: 'Bright Smile',
  });
  await updateTenantBookingSettings(tdb.pool, t.id, {
    depositRequired: deposit,
    depositAmountMinor: deposit ? 2500 : 0,
  });
  return t;
}

describe('prepareBooking without a payment provider', () => {
  const db = () => tdb.pool as unknown as Db;
  const acts = () =>
    createBookingLifecycleActivities({
      db: db(),
      sms: createOutboxSmsSender({ db: db() }),
      stripe: null,
    });

  it('refuses a deposit booking for good, before the caller is stored or a slot held', async () => {
    const tenant = await clinic(true);
    const failure = await acts()
      .prepareBooking({
        tenantId: tenant.id,
        bookingId: randomUUID(),
        contactPhone: '+14155550123',
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'InvalidBooking', nonRetryable: true });
    const counts = await tdb.pool.query(
      `SELECT (SELECT count(*) FROM contacts WHERE tenant_id = $1)::int AS contacts,
              (SELECT count(*) FROM bookings WHERE tenant_id = $1)::int AS bookings`,
      [tenant.id],
    );
    expect(counts.rows[0]).toEqual({ contacts: 0, bookings: 0 });
  });

  it('prepares a booking without deposit as usual', async () => {
    const tenant = await clinic(false);
    const plan = await acts().prepareBooking({
      tenantId: tenant.id,
      bookingId: randomUUID(),
      contactPhone: '+14155550123',
    });
    expect(plan).toMatchObject({ depositDue: false });
    expect(plan.contactId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
