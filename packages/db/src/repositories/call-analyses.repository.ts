import type { CallAnalysis } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';

export interface StoredCallAnalysis extends CallAnalysis {
  callId: string;
  source: 'claude' | 'rules';
  model: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function mapAnalysis(r: Record<string, unknown>): StoredCallAnalysis {
  return {
    callId: r.call_id as string,
    intent: r.intent as CallAnalysis['intent'],
    outcome: r.outcome as CallAnalysis['outcome'],
    followUpNeeded: r.follow_up_needed as boolean,
    followUpReason: (r.follow_up_reason as string | null) ?? null,
    sentiment: r.sentiment as CallAnalysis['sentiment'],
    evidence: r.evidence as CallAnalysis['evidence'],
    source: r.source as StoredCallAnalysis['source'],
    model: (r.model as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

const COLUMNS = `call_id, intent, outcome, follow_up_needed, follow_up_reason, sentiment, evidence, source,
  model, created_at, updated_at`;

/** The analysis is the one writer: a retried or repeated analysis replaces the call's record. */
export async function saveCallAnalysis(
  db: Queryable,
  tenantId: string,
  callId: string,
  a: CallAnalysis & { source: StoredCallAnalysis['source']; model: string | null },
): Promise<StoredCallAnalysis | null> {
  const { rows } = await db.query(
    `INSERT INTO call_analyses (tenant_id, call_id, intent, outcome, follow_up_needed, follow_up_reason,
       sentiment, evidence, source, model)
     SELECT $1, c.id, $3, $4, $5, $6, $7, $8, $9, $10 FROM calls c WHERE c.tenant_id = $1 AND c.id = $2
     ON CONFLICT (tenant_id, call_id) DO UPDATE SET intent = EXCLUDED.intent, outcome = EXCLUDED.outcome,
       follow_up_needed = EXCLUDED.follow_up_needed, follow_up_reason = EXCLUDED.follow_up_reason,
       sentiment = EXCLUDED.sentiment, evidence = EXCLUDED.evidence, source = EXCLUDED.source,
       model = EXCLUDED.model, updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      tenantId,
      callId,
      a.intent,
      a.outcome,
      a.followUpNeeded,
      a.followUpReason,
      a.sentiment,
      JSON.stringify(a.evidence),
      a.source,
      a.model,
    ],
  );
  return rows[0] ? mapAnalysis(rows[0]) : null;
}

export async function getCallAnalysis(
  db: Queryable,
  tenantId: string,
  callId: string,
): Promise<StoredCallAnalysis | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM call_analyses WHERE tenant_id = $1 AND call_id = $2`,
    [tenantId, callId],
  );
  return rows[0] ? mapAnalysis(rows[0]) : null;
}

/** What a lead follow-up checks before each text: a booking made since, a STOP, the zone. */
export async function leadFollowUpState(
  db: Queryable,
  tenantId: string,
  contactId: string,
  since: Date,
): Promise<{ exists: boolean; optedOut: boolean; booked: boolean; timezone: string | null }> {
  const { rows } = await db.query(
    `SELECT c.opted_out, c.timezone,
       EXISTS (SELECT 1 FROM bookings b WHERE b.tenant_id = c.tenant_id AND b.contact_id = c.id
                 AND b.created_at >= $3 AND b.status <> 'cancelled') AS booked
       FROM contacts c WHERE c.tenant_id = $1 AND c.id = $2`,
    [tenantId, contactId, since],
  );
  const r = rows[0];
  if (!r) return { exists: false, optedOut: true, booked: false, timezone: null };
  return {
    exists: true,
    optedOut: r.opted_out as boolean,
    booked: r.booked as boolean,
    timezone: (r.timezone as string | null) ?? null,
  };
}

/** The tenant's open escalations matching `where` (on $2), oldest first. */
async function openEscalations(
  db: Queryable,
  where: string,
  params: [tenantId: string, key: string],
): Promise<{ id: string; createdAt: Date }[]> {
  const { rows } = await db.query(
    `SELECT id, created_at FROM escalations
      WHERE tenant_id = $1 AND ${where} AND status = 'open' ORDER BY created_at, id`,
    params,
  );
  return rows.map((r) => ({ id: r.id as string, createdAt: r.created_at as Date }));
}

/** The escalations a call left open, for their follow-ups. */
export const openEscalationsOfCall = (db: Queryable, tenantId: string, callId: string) =>
  openEscalations(db, 'call_id = $2', [tenantId, callId]);

/**
 * The escalations an SMS thread has open, for their follow-ups: a texter has no call to end, so
 * the thread's turn is where its follow-up starts.
 */
export const openEscalationsOfConversation = (
  db: Queryable,
  tenantId: string,
  conversationId: string,
) => openEscalations(db, 'conversation_id = $2 AND call_id IS NULL', [tenantId, conversationId]);
