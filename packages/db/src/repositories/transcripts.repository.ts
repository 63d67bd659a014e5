import { createHash } from 'node:crypto';
import { endedCallStatuses, isEndedCallStatus } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import type { CallOutcome } from './calls.repository.ts';

export interface TranscriptMessage {
  id: string;
  conversationId: string;
  channel: 'voice' | 'sms';
  role: 'caller' | 'agent' | 'system';
  text: string;
  agent: string | null;
  providerSid: string | null;
  callSid: string | null;
  latencyMs: number | null;
  modelLatencyMs: number | null;
  channelLatencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
  createdAt: Date;
}

/** The one mapping of a messages row, for the channels and the admin API alike. */
export function mapTranscriptMessage(r: Record<string, unknown>): TranscriptMessage {
  return {
    id: r.id as string,
    conversationId: r.conversation_id as string,
    channel: r.channel as TranscriptMessage['channel'],
    role: r.role as TranscriptMessage['role'],
    text: r.text as string,
    agent: (r.agent as string | null) ?? null,
    providerSid: (r.provider_sid as string | null) ?? null,
    callSid: (r.call_sid as string | null) ?? null,
    latencyMs: (r.latency_ms as number | null) ?? null,
    modelLatencyMs: (r.model_latency_ms as number | null) ?? null,
    channelLatencyMs: (r.channel_latency_ms as number | null) ?? null,
    inputTokens: r.input_tokens as number,
    outputTokens: r.output_tokens as number,
    costMicroUsd: r.cost_micro_usd as number,
    createdAt: r.created_at as Date,
  };
}

const MESSAGE_COLUMN_NAMES = [
  'id',
  'conversation_id',
  'channel',
  'role',
  'text',
  'agent',
  'provider_sid',
  'call_sid',
  'latency_ms',
  'model_latency_ms',
  'channel_latency_ms',
  'input_tokens',
  'output_tokens',
  'cost_micro_usd',
  'created_at',
];

/** The messages columns mapTranscriptMessage reads, optionally qualified by a table alias. */
export function transcriptMessageColumns(alias?: string): string {
  return MESSAGE_COLUMN_NAMES.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
}

const MESSAGE_COLUMNS = transcriptMessageColumns();

/**
 * The channels name a conversation by a key of their own (one per contact, so a call and a later
 * text share it); its row id is a name-based UUID of tenant and key. The agent service derives
 * the same id for the same key, so both sides write to one row without a lookup table.
 */
export function conversationRowId(tenantId: string, conversationKey: string): string {
  const h = createHash('sha1').update(`${tenantId}\u0000${conversationKey}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The conversation key the channels give the agent: one thread per contact across channels. */
export const contactConversationKey = (contactId: string) => `contact:${contactId}`;

/** An unverified caller's conversation: one of its own per call, under the contact's key. */
export const callConversationKey = (contactId: string, callSid: string) =>
  `${contactConversationKey(contactId)}:call:${callSid}`;

/**
 * The agent's LangGraph thread of a conversation (its row in agent_conversation_states). A
 * caller the network did not verify gets a thread of their own per call (callConversationKey),
 * which shares the contact thread's prefix.
 */
export const agentThreadId = (tenantId: string, conversationKey: string) =>
  `${tenantId}:${conversationKey}`;

/** Creates the row when the channel writes before the agent ever did (agent down, first turn cut). */
export async function ensureConversationRow(
  db: Queryable,
  tenantId: string,
  c: { id: string; contactId: string; channel: 'voice' | 'sms'; callId?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO conversations (id, tenant_id, contact_id, channel, call_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [c.id, tenantId, c.contactId, c.channel, c.callId ?? null],
  );
}

/**
 * Appends one side of a turn. A provider SID (Twilio's MessageSid) makes a redelivered message
 * a no-op: created=false and nothing is stored twice.
 */
export async function appendMessage(
  db: Queryable,
  tenantId: string,
  m: {
    conversationId: string;
    channel: 'voice' | 'sms';
    role: 'caller' | 'agent' | 'system';
    text: string;
    agent?: string | null;
    providerSid?: string | null;
    callSid?: string | null;
    latencyMs?: number | null;
    modelLatencyMs?: number | null;
    inputTokens?: number;
    outputTokens?: number;
    costMicroUsd?: number;
  },
): Promise<{ id: string | null; created: boolean }> {
  const { rows } = await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, channel, role, text, agent, provider_sid, call_sid,
        latency_ms, model_latency_ms, input_tokens, output_tokens, cost_micro_usd)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (tenant_id, provider_sid) WHERE provider_sid IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      tenantId,
      m.conversationId,
      m.channel,
      m.role,
      m.text,
      m.agent ?? null,
      m.providerSid ?? null,
      m.callSid ?? null,
      m.latencyMs ?? null,
      m.modelLatencyMs ?? null,
      m.inputTokens ?? 0,
      m.outputTokens ?? 0,
      m.costMicroUsd ?? 0,
    ],
  );
  return rows[0] ? { id: rows[0].id as string, created: true } : { id: null, created: false };
}

export async function listConversationMessages(
  db: Queryable,
  tenantId: string,
  conversationId: string,
  limit = 200,
): Promise<TranscriptMessage[]> {
  const { rows } = await db.query(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE tenant_id = $1 AND conversation_id = $2
      ORDER BY created_at, id LIMIT $3`,
    [tenantId, conversationId, limit],
  );
  return rows.map(mapTranscriptMessage);
}

export async function listCallMessages(
  db: Queryable,
  tenantId: string,
  callSid: string,
): Promise<TranscriptMessage[]> {
  const { rows } = await db.query(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE tenant_id = $1 AND call_sid = $2 ORDER BY created_at, id`,
    [tenantId, callSid],
  );
  return rows.map(mapTranscriptMessage);
}

/** Status callbacks arrive out of order; the terminal states and the longest duration win. */
export async function updateCallStatus(
  db: Queryable,
  tenantId: string,
  callSid: string,
  s: { status: string; durationSeconds?: number | null },
): Promise<void> {
  const terminal = isEndedCallStatus(s.status);
  await db.query(
    `UPDATE calls SET
        status = CASE WHEN status = ANY($6::text[]) THEN status ELSE $3 END,
        answered_at = CASE WHEN $3 = 'in-progress' THEN COALESCE(answered_at, now()) ELSE answered_at END,
        ended_at = CASE WHEN $5 THEN COALESCE(ended_at, now()) ELSE ended_at END,
        duration_seconds = GREATEST(duration_seconds, $4),
        updated_at = now()
      WHERE tenant_id = $1 AND call_sid = $2`,
    [tenantId, callSid, s.status, s.durationSeconds ?? null, terminal, endedCallStatuses],
  );
}

export async function setCallOutcome(
  db: Queryable,
  tenantId: string,
  callSid: string,
  o: { outcome: CallOutcome; summary: string },
): Promise<void> {
  await db.query(
    `UPDATE calls SET outcome = $3, summary = $4, updated_at = now() WHERE tenant_id = $1 AND call_sid = $2`,
    [tenantId, callSid, o.outcome, o.summary],
  );
}

export async function createEscalation(
  db: Queryable,
  tenantId: string,
  e: {
    kind: 'transfer' | 'message';
    callId?: string | null;
    conversationId?: string | null;
    contactId?: string | null;
    reason?: string;
    summary: string;
  },
): Promise<{ id: string }> {
  const { rows } = await db.query(
    `INSERT INTO escalations (tenant_id, call_id, conversation_id, contact_id, kind, reason, summary)
     VALUES ($1, $2, (SELECT id FROM conversations WHERE tenant_id = $1 AND id = $3), $4, $5, $6, $7)
     RETURNING id`,
    [
      tenantId,
      e.callId ?? null,
      e.conversationId ?? null,
      e.contactId ?? null,
      e.kind,
      e.reason ?? '',
      e.summary,
    ],
  );
  return { id: rows[0].id as string };
}
