// The lead and escalation follow-ups at the tenant's days and minutes on Temporal's time-skipping
// test server, with the real activities and Postgres: what is texted when, in which language,
// and what stops the series. Time skips only while the test awaits a result or env.sleep.
import { describe, expect, it } from 'vitest';
import {
  createEscalation,
  insertBooking,
  resolveEscalation,
  setContactOptOut,
} from '@receptionist/db';
import {
  escalationFollowUpWorkflowId,
  leadFollowUpWorkflowId,
} from '@receptionist/booking-client/messages';
import { caller } from './harness.ts';
import { DAY, HOUR, MINUTE, useTimeSkippingHarness } from './time-skipping.ts';

const { env, h } = useTimeSkippingHarness('after-call-waits');
const BUSINESS = '+14155550100';

const textsTo = async (tenantId: string, phone: string) =>
  (await h.texts(tenantId)).filter((t) => t.to === phone).map((t) => [t.purpose, t.body]);

const startLead = (tenantId: string, contactId: string) =>
  h.client.workflow.start('leadFollowUpWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: leadFollowUpWorkflowId(tenantId, contactId),
    args: [{ tenantId, contactId, businessPhone: BUSINESS }],
  });

describe('lead follow-up', () => {
  // First in the file: the server's clock is still the real one, so the booking row's creation
  // time (the database's clock) falls after the series' start as it would in production.
  it('texts in the tenant’s language on day 1, and stops at a booking made since', async () => {
    const tenant = await h.makeTenant({ name: 'Clinique Soleil', languages: ['fr-CA'] });
    const who = await caller(h, tenant.id, 60);
    const handle = await startLead(tenant.id, who.contact.id);
    await env.sleep(DAY + MINUTE);
    expect(await textsTo(tenant.id, who.phone)).toEqual([
      ['lead_follow_up', expect.stringMatching(/^Bonjour Ada, ici Clinique Soleil\./)],
    ]);
    const startsAt = new Date(Date.now() + 72 * HOUR);
    await insertBooking(h.db.pool, tenant.id, {
      contactId: who.contact.id,
      status: 'confirmed',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * MINUTE),
    });
    // Day 3's text finds the booking and ends the series.
    expect(await handle.result()).toEqual({ sent: 1, stopped: 'booked' });
    expect(await textsTo(tenant.id, who.phone)).toHaveLength(1);
  }, 120_000);

  it('sends nothing to a contact who replied STOP', async () => {
    const tenant = await h.makeTenant();
    const who = await caller(h, tenant.id, 60);
    await setContactOptOut(h.db.pool, tenant.id, who.phone, true);
    const handle = await startLead(tenant.id, who.contact.id);
    expect(await handle.result()).toEqual({ sent: 0, stopped: 'opted_out' });
    expect(await textsTo(tenant.id, who.phone)).toEqual([]);
  }, 120_000);
});

describe('escalation follow-up', () => {
  it('reminds the desk at 15 minutes, the next contact at 30, and stops once resolved in the admin', async () => {
    const tenant = await h.makeTenant({ name: 'Bright Smile' });
    const desk = h.phone();
    const ana = h.phone();
    await h.db.pool.query(
      `UPDATE tenants SET escalation_phone = $2, escalation_contacts = $3 WHERE id = $1`,
      [tenant.id, desk, JSON.stringify([{ name: 'Ana', phone: ana }])],
    );
    const who = await caller(h, tenant.id);
    const esc = await createEscalation(h.db.pool, tenant.id, {
      kind: 'message',
      contactId: who.contact.id,
      summary: 'Wants a call about a crown.',
    });
    const handle = await h.client.workflow.start('escalationFollowUpWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: escalationFollowUpWorkflowId(esc.id),
      args: [
        {
          tenantId: tenant.id,
          escalationId: esc.id,
          raisedAt: new Date(await env.currentTimeMs()).toISOString(),
          callerPhone: who.phone,
          businessPhone: BUSINESS,
          contactId: who.contact.id,
        },
      ],
    });
    await env.sleep(16 * MINUTE);
    expect(await textsTo(tenant.id, desk)).toHaveLength(1);
    expect(await textsTo(tenant.id, ana)).toHaveLength(0);
    await env.sleep(15 * MINUTE);
    expect(await textsTo(tenant.id, ana)).toHaveLength(1);
    // Resolved in the admin (the row) without a signal: the next reminder finds it and stops.
    await resolveEscalation(h.db.pool, tenant.id, esc.id, 'Ana');
    const result = await handle.result();
    expect(result.resolved).toBe(true);
    expect(result.reminders).toBe(2);
    const deskTexts = await textsTo(tenant.id, desk);
    expect(deskTexts).toHaveLength(1);
    expect(deskTexts[0]![1]).toMatch(/^Bright Smile: reminder, caller \+1\d+ has waited \d+ min/);
    expect(await textsTo(tenant.id, ana)).toHaveLength(1);
  }, 120_000);
});
