// Low finding: concurrent duplicate webhook deliveries could both run (each saw the event row
// still 'received' and handled it). 1,000 deliveries of one signed Stripe event, 50 at a time,
// against the real backend on an HTTP port: exactly one is handled, the rest are duplicates, and
// the booking's workflow hears about the payment once.
import { describe, expect, it } from 'vitest';
import { getPaymentForBooking } from '@receptionist/db';
import { waitForPhase } from '@receptionist/worker/test-harness';
import { useStripeWebhookStack } from '../../test/stripe-webhook-stack.ts';

const s = useStripeWebhookStack('attack-duplicates');

async function deliverAll(payload: string, total: number, concurrency: number) {
  const statuses: (string | null)[] = [];
  const codes: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const res = await s.deliver(payload);
        codes.push(res.status);
        statuses.push(res.body.duplicate ? 'duplicate' : (res.body.status as string | null));
      }
    }),
  );
  return { statuses, codes };
}

describe('attack: 1,000 duplicate deliveries of one Stripe event', () => {
  it('has exactly one effect', async () => {
    const { tenantId, bookingId, session } = await s.depositBooking();
    const payload = s.event(`evt_dup_${bookingId}`, 'checkout.session.completed', session());
    const started = performance.now();
    const { statuses, codes } = await deliverAll(payload, 1_000, 50);
    console.log(
      `1,000 deliveries, 50 at a time, in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(codes.every((c) => c === 200)).toBe(true);
    expect(statuses.filter((x) => x === 'processed')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(999);

    await waitForPhase(s.h, tenantId, bookingId, ['confirmed']);
    const history = await s.h.client.workflow.getHandle(`booking-${bookingId}`).fetchHistory();
    const signals = (history.events ?? []).filter(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'paymentSucceeded',
    );
    expect(signals).toHaveLength(1);
    const { rows } = await s.h.db.pool.query(
      `SELECT status FROM webhook_events WHERE provider = 'stripe' AND event_id = $1`,
      [`evt_dup_${bookingId}`],
    );
    expect(rows).toEqual([{ status: 'processed' }]);
    expect((await getPaymentForBooking(s.h.db.pool, tenantId, bookingId))?.status).toBe(
      'succeeded',
    );
  }, 120_000);

  it('lets a delivery whose handling failed be retried later, once', async () => {
    const { tenantId, bookingId, session } = await s.depositBooking();
    const id = `evt_retry_${bookingId}`;
    const payload = s.event(id, 'checkout.session.completed', session());
    // The state a delivery leaves when its handler threw (Temporal down, say).
    await s.h.db.pool.query(
      `INSERT INTO webhook_events (provider, event_id, event_type, status, error, claimed_at)
       VALUES ('stripe', $1, 'checkout.session.completed', 'failed', 'temporal unavailable', now())`,
      [id],
    );
    const { statuses } = await deliverAll(payload, 100, 20);
    expect(statuses.filter((x) => x === 'processed')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(99);
    await waitForPhase(s.h, tenantId, bookingId, ['confirmed']);
  }, 60_000);
});
