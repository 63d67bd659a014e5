// A contact's erasure on the dev server: their words, texts and numbers are gone from every table,
// the business keeps its counts, a STOP stays honoured, and a second run finds nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentThreadId,
  appendMessage,
  callConversationKey,
  contactConversationKey,
  createCallIdempotent,
  createEscalation,
  ensureConversationRow,
  getContactErasure,
  insertBooking,
  saveCallAnalysis,
  setContactOptOut,
  upsertContactByPhone,
} from '@receptionist/db';
import { contactErasureWorkflowId } from '@receptionist/booking-client/messages';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let day = 0;
beforeAll(async () => {
  h = await startHarness('erasure');
  await h.startWorker();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** A contact with a call, its transcript and analysis, a text, a booking and an escalation. */
async function contactWithHistory(tenantId: string) {
  const phone = h.phone();
  const contact = await upsertContactByPhone(h.db.pool, tenantId, phone);
  const callSid = `CA${randomUUID().replace(/-/g, '')}`;
  const { call } = await createCallIdempotent(h.db.pool, tenantId, {
    callSid,
    fromNumber: phone,
    toNumber: '+14155550100',
    contactId: contact.id,
  });
  const conversationId = randomUUID();
  await ensureConversationRow(h.db.pool, tenantId, {
    id: conversationId,
    contactId: contact.id,
    channel: 'voice',
  });
  await appendMessage(h.db.pool, tenantId, {
    conversationId,
    channel: 'voice',
    role: 'caller',
    text: 'My name is Ada Lovelace and my tooth hurts',
    callSid,
  });
  await h.db.pool.query(`UPDATE calls SET summary = 'Ada, toothache' WHERE id = $1`, [call.id]);
  await saveCallAnalysis(h.db.pool, tenantId, call.id, {
    intent: 'emergency',
    outcome: 'handed_to_staff',
    followUpNeeded: true,
    followUpReason: null,
    sentiment: 'negative',
    evidence: { intent: ['my tooth hurts'], outcome: [], followUp: [], sentiment: [] },
    source: 'rules',
    model: null,
  });
  await h.db.pool.query(
    `INSERT INTO outbound_messages (tenant_id, "to", body, idempotency_key, status)
     VALUES ($1, $2, 'Hi Ada', $3, 'sent')`,
    [tenantId, phone, `t-${randomUUID()}`],
  );
  // Each fixture's booking on a day of its own: two would overlap.
  const startsAt = new Date(Date.now() + (5 + ++day) * 86_400_000);
  await insertBooking(h.db.pool, tenantId, {
    contactId: contact.id,
    status: 'confirmed',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 1_800_000),
  });
  await createEscalation(h.db.pool, tenantId, {
    kind: 'message',
    callId: call.id,
    contactId: contact.id,
    summary: 'Ada Lovelace wants a call back',
  });
  // The agent's memory of the contact's thread and of an unverified call's own thread.
  const thread = agentThreadId(tenantId, contactConversationKey(contact.id));
  for (const threadId of [
    thread,
    agentThreadId(tenantId, callConversationKey(contact.id, callSid)),
  ])
    await h.db.pool.query(
      `INSERT INTO agent_conversation_states
         (tenant_id, thread_id, checkpoint_id, checkpoint_type, checkpoint, metadata)
       VALUES ($1, $2, 'c1', 'json', convert_to('{"caller":"Ada Lovelace"}', 'UTF8'), '{}')`,
      [tenantId, threadId],
    );
  // Provider webhooks kept for deduplication: a text from them and a status of their call.
  await h.db.pool.query(
    `INSERT INTO webhook_events (provider, event_id, event_type, tenant_id, payload, status)
     VALUES ('twilio', $2, 'sms', $1, jsonb_build_object('From', $3::text, 'Body', 'Ada here'), 'processed'),
            ('twilio', $4, 'call-status', $1, jsonb_build_object('CallSid', $5::text), 'processed')`,
    [tenantId, `SM${randomUUID()}`, phone, `${callSid}:completed:${randomUUID()}`, callSid],
  );
  return { phone, contact, call, callSid };
}

const erase = (tenantId: string, contactId: string) =>
  h.client.workflow.execute('contactErasureWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: contactErasureWorkflowId(tenantId, contactId),
    args: [{ tenantId, contactId, requestedBy: 'api_key:abc' }],
  });

describe('contact erasure', () => {
  it('removes the contact’s words, texts and number everywhere and keeps the counts', async () => {
    const tenant = await h.makeTenant();
    const { phone, contact, call, callSid } = await contactWithHistory(tenant.id);
    const other = await contactWithHistory(tenant.id);
    expect(await erase(tenant.id, contact.id)).toEqual({
      messages: 1,
      conversations: 1,
      calls: 1,
      analyses: 1,
      outboundTexts: 1,
      bookings: 1,
      escalations: 1,
      agentStates: 2,
      webhookPayloads: 2,
      contact: 'deleted',
      // The business has no CRM connection: nothing to erase there.
      crm: 'not_configured',
      crmWebhook: 'not_configured',
    });
    // Nothing of theirs is left in any table, searched by their number and their name.
    const { rows } = await h.db.pool.query(
      `SELECT
         (SELECT count(*)::int FROM contacts WHERE tenant_id = $1 AND phone = $2) AS contacts,
         (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND (from_number = $2 OR summary LIKE '%Ada%')) AS calls,
         (SELECT count(*)::int FROM messages WHERE tenant_id = $1 AND text LIKE '%Ada Lovelace%') AS messages,
         (SELECT count(*)::int FROM outbound_messages WHERE tenant_id = $1 AND "to" = $2) AS texts,
         (SELECT count(*)::int FROM escalations WHERE tenant_id = $1 AND summary LIKE '%Ada%') AS escalations,
         (SELECT count(*)::int FROM call_analyses WHERE tenant_id = $1 AND call_id = $3) AS analyses,
         (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND id = $3) AS call_kept,
         (SELECT count(*)::int FROM agent_conversation_states
           WHERE tenant_id = $1 AND thread_id LIKE '%' || $4 || '%') AS agent_states,
         (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1
           AND (payload::text LIKE '%' || $2 || '%' OR payload ->> 'CallSid' = $5)) AS webhooks,
         (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1) AS webhook_ids_kept`,
      [tenant.id, phone, call.id, contact.id, callSid],
    );
    // The other contact's rows (same name in the fixture) are untouched.
    expect(rows[0]).toEqual({
      contacts: 0,
      calls: 1,
      messages: 1,
      texts: 0,
      escalations: 1,
      analyses: 0,
      call_kept: 1,
      agent_states: 0,
      webhooks: 0,
      webhook_ids_kept: 4, // theirs emptied, the other contact's two untouched
    });
    const otherStates = await h.db.pool.query(
      `SELECT count(*)::int AS n FROM agent_conversation_states WHERE tenant_id = $1 AND thread_id LIKE '%' || $2 || '%'`,
      [tenant.id, other.contact.id],
    );
    expect(otherStates.rows[0].n).toBe(2);
    const otherLeft = await h.db.pool.query(
      `SELECT count(*)::int AS n FROM calls WHERE tenant_id = $1 AND from_number = $2`,
      [tenant.id, other.phone],
    );
    expect(otherLeft.rows[0].n).toBe(1);
    expect(await getContactErasure(h.db.pool, tenant.id, contact.id)).toMatchObject({
      requestedBy: 'api_key:abc',
      counts: { messages: 1, contact: 'deleted', crm: 'not_configured' },
    });
    // Asked again: nothing more to do, the first record stands.
    expect(await erase(tenant.id, contact.id)).toMatchObject({ messages: 1, contact: 'deleted' });
  }, 90_000);

  it('keeps a STOP: the number stays as a suppression, nothing else', async () => {
    const tenant = await h.makeTenant();
    const { phone, contact } = await contactWithHistory(tenant.id);
    await setContactOptOut(h.db.pool, tenant.id, phone, true);
    expect(await erase(tenant.id, contact.id)).toMatchObject({ contact: 'suppression_kept' });
    const { rows } = await h.db.pool.query(
      `SELECT name, opted_out, qualification FROM contacts WHERE tenant_id = $1 AND id = $2`,
      [tenant.id, contact.id],
    );
    expect(rows).toEqual([{ name: null, opted_out: true, qualification: {} }]);
  }, 90_000);
});
