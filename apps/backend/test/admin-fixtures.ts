import { randomBytes, randomInt } from 'node:crypto';
import {
  createCallIdempotent,
  insertBooking,
  insertEscalation,
  insertKnowledgeEntries,
  insertPhoneNumber,
  upsertContactByPhone,
  type Queryable,
} from '@receptionist/db';
import type { AdminHarness } from './admin-harness.ts';

let n = 0;
/** A fresh E.164 number, in the fictional 555-01xx style range of area code 415. */
export const freshNumber = () => `+1415${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

export interface Business {
  tenantId: string;
  entryId: string;
  contactId: string;
  callId: string;
  conversationId: string;
  bookingId: string;
  escalationId: string;
  phoneNumberId: string;
}

export async function insertConversation(
  db: Queryable,
  tenantId: string,
  c: { channel: 'voice' | 'sms'; contactId?: string | null; callId?: string | null },
): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO conversations (tenant_id, channel, contact_id, call_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [tenantId, c.channel, c.contactId ?? null, c.callId ?? null],
  );
  return rows[0].id as string;
}

export async function insertMessage(
  db: Queryable,
  tenantId: string,
  m: {
    conversationId: string;
    channel: 'voice' | 'sms';
    role: 'caller' | 'agent' | 'system';
    text: string;
    agent?: string;
    latencyMs?: number;
    inputTokens?: number;
    outputTokens?: number;
    costMicroUsd?: number;
    createdAt?: Date;
  },
): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, channel, role, text, agent, latency_ms, input_tokens,
        output_tokens, cost_micro_usd, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, COALESCE($11, now())) RETURNING id`,
    [
      tenantId,
      m.conversationId,
      m.channel,
      m.role,
      m.text,
      m.agent ?? null,
      m.latencyMs ?? null,
      m.inputTokens ?? 0,
      m.outputTokens ?? 0,
      m.costMicroUsd ?? 0,
      m.createdAt ?? null,
    ],
  );
  return rows[0].id as string;
}

export async function insertLiveBooking(db: Queryable, tenantId: string, dayOffset = 0) {
  const start = new Date(Date.UTC(2031, 0, 1, 9) + (dayOffset + (n++ % 500)) * 86_400_000);
  return insertBooking(db, tenantId, {
    status: 'confirmed',
    startsAt: start,
    endsAt: new Date(start.getTime() + 3_600_000),
    service: 'Cleaning and check-up',
  });
}

/** One of everything the admin API shows, for one business. */
export async function seedBusiness(db: Queryable, tenantId: string): Promise<Business> {
  const [entry] = await insertKnowledgeEntries(db, tenantId, [
    { question: 'Do you take insurance?', answer: 'Yes, most plans.', tags: ['billing'] },
  ]);
  const contact = await upsertContactByPhone(db, tenantId, freshNumber());
  const { call } = await createCallIdempotent(db, tenantId, {
    callSid: `CA${randomBytes(16).toString('hex')}`,
    fromNumber: contact.phone,
    toNumber: freshNumber(),
    contactId: contact.id,
  });
  const voice = await insertConversation(db, tenantId, {
    channel: 'voice',
    contactId: contact.id,
    callId: call.id,
  });
  await insertMessage(db, tenantId, {
    conversationId: voice,
    channel: 'voice',
    role: 'caller',
    text: 'Hi, do you take insurance?',
  });
  await insertMessage(db, tenantId, {
    conversationId: voice,
    channel: 'voice',
    role: 'agent',
    text: 'Yes, most plans.',
    agent: 'faq',
    latencyMs: 640,
    inputTokens: 900,
    outputTokens: 40,
    costMicroUsd: 3300,
  });
  const sms = await insertConversation(db, tenantId, { channel: 'sms', contactId: contact.id });
  await insertMessage(db, tenantId, {
    conversationId: sms,
    channel: 'sms',
    role: 'caller',
    text: 'Can I move my appointment?',
  });
  const booking = await insertLiveBooking(db, tenantId);
  const escalation = await insertEscalation(db, tenantId, {
    kind: 'message',
    reason: 'wants a human',
    callId: call.id,
    contactId: contact.id,
  });
  const phone = await insertPhoneNumber(db, tenantId, freshNumber(), 'main line');
  return {
    tenantId,
    entryId: entry!.id,
    contactId: contact.id,
    callId: call.id,
    conversationId: sms,
    bookingId: booking.id,
    escalationId: escalation.id,
    phoneNumberId: phone.id,
  };
}

/**
 * What the tests of the admin API on one business start from: a platform admin key, the business
 * seeded with its admin key, and a seeded neighbour whose rows must never show up.
 */
export async function businessAndNeighbour(h: AdminHarness) {
  const platform = await h.key(null, 'admin');
  const biz = await seedBusiness(h.db, await h.tenant());
  const other = await seedBusiness(h.db, await h.tenant());
  const tenantAdmin = await h.key(biz.tenantId, 'admin');
  return { platform, biz, other, tenantAdmin };
}
