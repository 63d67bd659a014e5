// An escalation raised in an SMS thread, from the signed webhook to the follow-up on the real
// Temporal server: the texter is told in the thread when to expect someone, the staff are
// reminded after N minutes (1 here, the smallest a tenant can set), and resolving it stops them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  escalationFollowUpWorkflowId,
  escalationResolvedSignal,
} from '@receptionist/booking-client/messages';
import { DEMO_TENANT, resolveEscalation } from '@receptionist/db';
import { freePort, waitFor } from '@receptionist/testing';
import { smsParams, startChannelStack, type ChannelStack } from '../test/channel-stack.ts';

let stack: ChannelStack;
const sid = () => `SM${Date.now().toString(16)}${Math.random().toString(16).slice(2, 12)}`;
const text = (from: string, body: string, messageSid = sid()) =>
  stack.post('/twilio/sms', smsParams(messageSid, from, body));
const sent = async (key: string) =>
  (
    await stack.tdb.pool.query(
      `SELECT "to", from_number AS "from", purpose, body FROM outbound_messages WHERE idempotency_key LIKE $1 ORDER BY created_at`,
      [key],
    )
  ).rows as { to: string; from: string; purpose: string; body: string }[];
/** The id of the escalation the texter's SMS workflow raised, once there is one (`where` on c). */
async function escalationOf(from: string, where: string, what: string) {
  let escalationId = '';
  await waitFor(
    async () => {
      const { rows } = await stack.tdb.pool.query(
        `SELECT e.id FROM escalations e JOIN contacts c ON c.id = e.contact_id
          WHERE e.tenant_id = $1 AND c.phone = $2 AND ${where}`,
        [stack.tenantId, from],
      );
      escalationId = (rows[0]?.id as string) ?? '';
      return !!escalationId;
    },
    20_000,
    what,
  );
  return escalationId;
}

beforeAll(async () => {
  // The agent service is down: the texter is promised a text from the team, an escalation.
  stack = await startChannelStack({ agentUrl: `http://127.0.0.1:${await freePort()}` });
  // Reminders after 1 minute; no quiet hours, so the test does not depend on the hour it runs.
  await stack.tdb.pool.query(`UPDATE tenants SET settings = settings || $2::jsonb WHERE id = $1`, [
    stack.tenantId,
    JSON.stringify({
      outreach: {
        escalationReminderMinutes: 1,
        escalationMaxReminders: 3,
        quietHours: { start: '00:00', end: '00:00' },
      },
    }),
  ]);
}, 90_000);
afterAll(async () => stack?.close());

describe('SMS escalation follow-up', () => {
  it('texts the texter in their thread, reminds staff after N minutes and stops once resolved', async () => {
    const from = '+14155550231';
    expect((await text(from, 'I need to talk to a person about my bill')).status).toBe(200);
    const escalationId = await escalationOf(from, `e.status = 'open'`, 'escalation');
    const key = `escalation-follow-up:${escalationId}`;
    // The texter hears when to expect someone, from the number they texted.
    await waitFor(async () => (await sent(`${key}:caller`)).length === 1, 20_000, 'caller text');
    expect((await sent(`${key}:caller`))[0]).toMatchObject({
      to: from,
      from: DEMO_TENANT.phoneNumber,
      purpose: 'escalation_call_back',
      body: expect.stringContaining('someone will get back to you'),
    });
    // A minute after it was raised, the front desk is reminded.
    await waitFor(async () => (await sent(`${key}:remind:0:%`)).length === 1, 80_000, 'reminder');
    expect((await sent(`${key}:remind:0:%`))[0]).toMatchObject({
      to: DEMO_TENANT.escalationPhone,
      purpose: 'staff_escalation',
      body: expect.stringContaining('nobody has marked it resolved'),
    });
    // Resolved as the admin API does it: the row, then the signal to its follow-up.
    await resolveEscalation(stack.tdb.pool, stack.tenantId, escalationId, 'front desk');
    const follow = stack.temporal.workflow.getHandle(escalationFollowUpWorkflowId(escalationId));
    await follow.signal(escalationResolvedSignal, { tenantId: stack.tenantId, by: 'front desk' });
    expect(await follow.result()).toEqual({ reminders: 1, resolved: true });
    expect(await sent(`${key}:caller`)).toHaveLength(1);
    expect(await sent(`${key}:remind:1:%`)).toHaveLength(0);
  }, 150_000);

  it('texts nothing to a texter who opted out, yet still reminds the staff', async () => {
    const from = '+14155550232';
    await text(from, 'STOP');
    await text(from, 'is anyone there? I need a person');
    const escalationId = await escalationOf(
      from,
      'c.opted_out',
      'escalation of an opted-out texter',
    );
    const key = `escalation-follow-up:${escalationId}`;
    await waitFor(async () => (await sent(`${key}:remind:0:%`)).length === 1, 80_000, 'reminder');
    expect(await sent(`${key}:caller`)).toEqual([]);
    const follow = stack.temporal.workflow.getHandle(escalationFollowUpWorkflowId(escalationId));
    await resolveEscalation(stack.tdb.pool, stack.tenantId, escalationId, 'front desk');
    await follow.signal(escalationResolvedSignal, { tenantId: stack.tenantId, by: 'front desk' });
    expect(await follow.result()).toEqual({ reminders: 1, resolved: true });
  }, 150_000);
});
