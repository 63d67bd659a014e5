import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addWaitlistEntry,
  getTenant,
  getWaitlistEntry,
  insertBooking,
  localDay,
} from '@receptionist/db';
import {
  waitlistOfferQuery,
  waitlistOfferWorkflowId,
  type WaitlistOfferView,
} from '@receptionist/booking-client/messages';
import { freePort, waitFor } from '@receptionist/testing';
import { smsParams, startChannelStack, type ChannelStack } from '../test/channel-stack.ts';

/**
 * A waitlisted caller's YES through Twilio's SMS webhook: the backend routes it to the offer
 * workflow of the slot, which books it through the booking workflow; the same YES delivered at
 * once under several MessageSids books once, and anyone else's YES stays a conversation.
 */
let stack: ChannelStack;
let seq = 0;
const sid = () => `SM${Date.now().toString(16)}${(seq++).toString(16).padStart(10, '0')}`;
const sms = (from: string, body: string) => stack.post('/twilio/sms', smsParams(sid(), from, body));
const ALL_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ open: '00:00', close: '23:59' }],
  ]),
);

beforeAll(async () => {
  stack = await startChannelStack({ agentUrl: `http://127.0.0.1:${await freePort()}` });
  // Open all day, no deposit and no quiet hours: the test may run at any hour of the demo's day.
  await stack.tdb.pool.query(
    `UPDATE tenants SET business_hours = $2, deposit_required = false,
        settings = settings || '{"followUps": {"quietHours": {"start": 0, "end": 0}}}'::jsonb
      WHERE id = $1`,
    [stack.tenantId, JSON.stringify(ALL_DAY)],
  );
}, 90_000);
afterAll(async () => stack?.close());

describe('waitlist YES by text', () => {
  it('books the offered slot once for the caller offered, however many YES arrive', async () => {
    const tenant = (await getTenant(stack.tdb.pool, stack.tenantId))!;
    const startsAt = new Date(Math.ceil((Date.now() + 50 * 3_600_000) / 1_800_000) * 1_800_000);
    const endsAt = new Date(startsAt.getTime() + 1_800_000);
    const freed = await insertBooking(stack.tdb.pool, tenant.id, {
      status: 'cancelled',
      startsAt,
      endsAt,
    });
    const [waiting, other] = ['+14155550301', '+14155550302'];
    const { entry } = await addWaitlistEntry(stack.tdb.pool, tenant.id, {
      contactId: null,
      phone: waiting,
      day: localDay(tenant.timezone, startsAt).date,
    });
    const workflowId = waitlistOfferWorkflowId(tenant.id, 'default', startsAt.toISOString());
    await stack.temporal.workflow.start('waitlistOfferWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [
        {
          tenantId: tenant.id,
          bookingId: freed.id,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
        },
      ],
    });
    await waitFor(async () => {
      const v = await stack.temporal.workflow
        .getHandle(workflowId)
        .query(waitlistOfferQuery)
        .catch(() => null);
      return v?.offeredEntryId === entry.id;
    }, 20_000);

    const replies = await Promise.all([
      sms(waiting, 'Yes'),
      sms(waiting, 'YES!'),
      sms(waiting, 'yes'),
      sms(other, 'Yes'),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const view: WaitlistOfferView = await stack.temporal.workflow.getHandle(workflowId).result();
    expect(view.outcome).toBe('booked');
    const { rows } = await stack.tdb.pool.query(
      `SELECT b.id, c.phone FROM bookings b JOIN contacts c ON c.id = b.contact_id
        WHERE b.tenant_id = $1 AND b.starts_at = $2 AND b.status IN ('held', 'pending_payment', 'confirmed')`,
      [tenant.id, startsAt],
    );
    expect(rows).toEqual([{ id: view.bookingId, phone: waiting }]);
    expect((await getWaitlistEntry(stack.tdb.pool, tenant.id, entry.id))?.status).toBe('booked');
    // The caller who was offered nothing got an answer from their conversation instead.
    await waitFor(async () => {
      const r = await stack.tdb.pool.query(
        `SELECT 1 FROM outbound_messages WHERE "to" = $1 AND purpose = 'reply'`,
        [other],
      );
      return r.rows.length === 1;
    }, 20_000);
    await stack.temporal.workflow.getHandle(`booking-${view.bookingId}`).terminate('test done');
  }, 60_000);
});
