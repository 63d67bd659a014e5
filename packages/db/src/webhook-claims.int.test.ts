import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@receptionist/testing';
import { claimWebhookEvent, markWebhookEvent } from './index.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

const event = (eventId: string) => ({
  provider: 'stripe' as const,
  eventId,
  eventType: 'checkout.session.completed',
});

describe('webhook event claims', () => {
  it('gives exactly one of 40 concurrent deliveries the claim', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => claimWebhookEvent(tdb.pool, event('evt_race'))),
    );
    expect(results.filter((r) => r.claimed)).toEqual([{ claimed: true, first: true }]);
  });

  it('lets a failed event be claimed again, once, and never a handled one', async () => {
    expect((await claimWebhookEvent(tdb.pool, event('evt_fail'))).claimed).toBe(true);
    await markWebhookEvent(tdb.pool, 'stripe', 'evt_fail', 'failed', { error: 'boom' });
    const retries = await Promise.all(
      Array.from({ length: 10 }, () => claimWebhookEvent(tdb.pool, event('evt_fail'))),
    );
    expect(retries.filter((r) => r.claimed)).toEqual([{ claimed: true, first: false }]);
    await markWebhookEvent(tdb.pool, 'stripe', 'evt_fail', 'processed');
    expect((await claimWebhookEvent(tdb.pool, event('evt_fail'))).claimed).toBe(false);
  });

  it('takes over a claim gone stale (its process died mid-handling)', async () => {
    expect((await claimWebhookEvent(tdb.pool, event('evt_stale'))).claimed).toBe(true);
    expect((await claimWebhookEvent(tdb.pool, event('evt_stale'))).claimed).toBe(false);
    await tdb.pool.query(
      `UPDATE webhook_events SET claimed_at = now() - interval '10 minutes' WHERE event_id = 'evt_stale'`,
    );
    expect((await claimWebhookEvent(tdb.pool, event('evt_stale'))).claimed).toBe(true);
  });
});
