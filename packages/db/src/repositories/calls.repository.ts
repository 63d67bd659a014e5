import type { Queryable } from '../pool.ts';
import { keysetTail, toPage, type Page, type PageRequest } from './pagination.ts';

export const callOutcomes = [
  'booked',
  'question_answered',
  'escalated',
  'message_taken',
  'abandoned',
  'missed',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export interface Call {
  id: string;
  tenantId: string;
  callSid: string;
  contactId: string | null;
  direction: 'inbound' | 'outbound';
  fromNumber: string;
  toNumber: string;
  status: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  outcome: CallOutcome | null;
  summary: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id, call_sid, contact_id, direction, from_number, to_number, status, started_at, answered_at,
  ended_at, duration_seconds, outcome, summary, created_at, updated_at`;

export function mapCall(r: Record<string, unknown>): Call {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    callSid: r.call_sid as string,
    contactId: (r.contact_id as string | null) ?? null,
    direction: r.direction as Call['direction'],
    fromNumber: r.from_number as string,
    toNumber: r.to_number as string,
    status: r.status as string,
    startedAt: r.started_at as Date,
    answeredAt: (r.answered_at as Date | null) ?? null,
    endedAt: (r.ended_at as Date | null) ?? null,
    durationSeconds: (r.duration_seconds as number | null) ?? null,
    outcome: (r.outcome as CallOutcome | null) ?? null,
    summary: (r.summary as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/**
 * Twilio retries webhooks, so the CallSid decides: the first delivery creates the call, a
 * replay returns the same row with created=false and the caller does nothing twice.
 */
export async function createCallIdempotent(
  db: Queryable,
  tenantId: string,
  c: {
    callSid: string;
    fromNumber: string;
    toNumber: string;
    contactId?: string | null;
    direction?: Call['direction'];
    status?: string;
  },
): Promise<{ call: Call; created: boolean }> {
  const inserted = await db.query(
    // The receptionist picks up an incoming call the moment its webhook arrives: it is answered
    // then (Twilio sends no "answered" status for incoming calls). Outbound calls are answered
    // when the callee picks up (the status callback's in-progress).
    `INSERT INTO calls (tenant_id, call_sid, from_number, to_number, contact_id, direction, status, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 = 'inbound' THEN now() END)
     ON CONFLICT (call_sid) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      tenantId,
      c.callSid,
      c.fromNumber,
      c.toNumber,
      c.contactId ?? null,
      c.direction ?? 'inbound',
      c.status ?? 'ringing',
    ],
  );
  if (inserted.rows[0]) return { call: mapCall(inserted.rows[0]), created: true };
  const existing = await getCallBySid(db, tenantId, c.callSid);
  if (!existing) throw new Error('CallSid belongs to another tenant');
  return { call: existing, created: false };
}

export async function getCall(
  db: Queryable,
  tenantId: string,
  callId: string,
): Promise<Call | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM calls WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    callId,
  ]);
  return rows[0] ? mapCall(rows[0]) : null;
}

export async function getCallBySid(
  db: Queryable,
  tenantId: string,
  callSid: string,
): Promise<Call | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM calls WHERE tenant_id = $1 AND call_sid = $2`,
    [tenantId, callSid],
  );
  return rows[0] ? mapCall(rows[0]) : null;
}

export async function listCalls(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<Call>> {
  const tail = keysetTail(page, [tenantId]);
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM calls WHERE tenant_id = $1${tail.sql}`,
    tail.params,
  );
  return toPage(rows.map(mapCall), page.limit);
}

/**
 * What came of a call besides its words: a booking of the caller's made since the call began
 * (bookings carry no call id, so the contact and the call's start tell; one called off since
 * does not count) and an escalation to the staff made in it (escalations carry the call id).
 * An unknown call has neither.
 */
export async function callHandoffs(
  db: Queryable,
  tenantId: string,
  callId: string,
): Promise<{ booked: boolean; escalated: boolean }> {
  const { rows } = await db.query(
    `SELECT
       EXISTS (SELECT 1 FROM bookings b
                WHERE b.tenant_id = c.tenant_id AND b.contact_id = c.contact_id
                  AND b.created_at >= c.started_at AND b.status <> 'cancelled') AS booked,
       EXISTS (SELECT 1 FROM escalations e
                WHERE e.tenant_id = c.tenant_id AND e.call_id = c.id
                  AND e.created_at >= c.started_at) AS escalated
     FROM calls c WHERE c.tenant_id = $1 AND c.id = $2`,
    [tenantId, callId],
  );
  const r = rows[0] as { booked: boolean; escalated: boolean } | undefined;
  return { booked: r?.booked ?? false, escalated: r?.escalated ?? false };
}
