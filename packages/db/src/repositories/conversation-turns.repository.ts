import type { Queryable } from '../pool.ts';

/**
 * The transcript of a voice or SMS turn has one writer, the agent service: it stores each turn it
 * answers, and what a channel reports of a turn afterwards (the part of the reply the caller
 * heard before cutting in, the channel's own apology when it gave up waiting, its hop time).
 */
export async function ensureConversation(
  db: Queryable,
  tenantId: string,
  c: { id: string; contactId: string | null; channel: 'voice' | 'sms'; callId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO conversations (id, tenant_id, contact_id, channel, call_id)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET updated_at = now(),
       call_id = COALESCE(conversations.call_id, EXCLUDED.call_id)
     WHERE conversations.tenant_id = EXCLUDED.tenant_id`,
    [c.id, tenantId, c.contactId, c.channel, c.callId],
  );
}

export interface TurnMessage {
  role: 'caller' | 'agent';
  text: string;
  agent?: string | null;
  latencyMs?: number | null;
  modelLatencyMs?: number | null;
  inputTokens?: number;
  outputTokens?: number;
  costMicroUsd?: number;
  /** Set for the rows of an identified turn: a second insert of the same row is dropped. */
  providerSid?: string | null;
}

/** Stores a turn's rows in one statement: together or not at all, in order. */
export async function insertTurnMessages(
  db: Queryable,
  tenantId: string,
  t: { conversationId: string; channel: 'voice' | 'sms'; callSid?: string | null },
  messages: TurnMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const values: unknown[] = [tenantId, t.conversationId, t.channel, t.callSid ?? null];
  const tuples = messages.map((m, i) => {
    const b = values.length;
    values.push(
      m.role,
      m.text,
      m.agent ?? null,
      m.latencyMs ?? null,
      m.modelLatencyMs ?? null,
      m.inputTokens ?? 0,
      m.outputTokens ?? 0,
      m.costMicroUsd ?? 0,
      m.providerSid ?? null,
      i,
    );
    const p = (n: number) => `$${b + n}`;
    // Rows of one statement share now(): a microsecond apart keeps them in order.
    return `($1, $2, $3, $4, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, clock_timestamp() + make_interval(secs => ${p(10)}::int * 0.000001))`;
  });
  await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, channel, call_sid, role, text, agent, latency_ms,
        model_latency_ms, input_tokens, output_tokens, cost_micro_usd, provider_sid, created_at)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (tenant_id, provider_sid) WHERE provider_sid IS NOT NULL DO NOTHING`,
    values,
  );
}

export interface TurnReportRecord {
  conversationId: string;
  channel: 'voice' | 'sms';
  callSid?: string | null;
  /** provider_sid of the turn's rows when the turn has an id (turnMessageSids). */
  sids?: { caller: string; reply: string } | null;
  callerText?: string;
  heard?: string;
  /** The reply as the agent produced it: finds the stored row of a turn without an id. */
  reply?: string;
  channelLatencyMs?: number;
}

/**
 * Applies what a channel reports of a turn, in one statement. With the turn's ids: the caller's
 * words are stored unless they already are; what was heard becomes the reply's text whether the
 * agent stored its reply already or will later (its insert then adds nothing). Without ids (a
 * ConversationRelay turn): the last stored reply with the produced text is cut to what was heard,
 * or, when the reply was cut off before it was stored, what was heard is added after the caller's
 * words. True when a row changed.
 */
export async function applyTurnReport(
  db: Queryable,
  tenantId: string,
  r: TurnReportRecord,
): Promise<boolean> {
  const heard = r.heard?.trim() || null;
  const caller = r.callerText?.trim() || null;
  const { rows } = await db.query(
    `WITH target AS (
       SELECT id FROM messages
        WHERE tenant_id = $1 AND conversation_id = $2 AND role = 'agent'
          AND (($10::text IS NOT NULL AND provider_sid = $10)
               OR ($10::text IS NULL AND $8::text IS NOT NULL AND text = $8
                   AND created_at > now() - interval '1 hour'))
        ORDER BY created_at DESC, id DESC LIMIT 1),
     caller_row AS (
       INSERT INTO messages (tenant_id, conversation_id, channel, call_sid, role, text, provider_sid, created_at)
       SELECT $1, $2, $3, $4, 'caller', $5, $6, clock_timestamp()
        WHERE $5::text IS NOT NULL
       ON CONFLICT (tenant_id, provider_sid) WHERE provider_sid IS NOT NULL DO NOTHING
       RETURNING id),
     cut AS (
       UPDATE messages SET text = COALESCE($7, text),
              channel_latency_ms = COALESCE($9, channel_latency_ms),
              call_sid = COALESCE(call_sid, $4)
        WHERE id = (SELECT id FROM target)
       RETURNING id),
     added AS (
       INSERT INTO messages (tenant_id, conversation_id, channel, call_sid, role, text, provider_sid,
              channel_latency_ms, created_at)
       SELECT $1, $2, $3, $4, 'agent', $7, $10, $9, clock_timestamp() + interval '1 microsecond'
        WHERE $7::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM target)
       ON CONFLICT (tenant_id, provider_sid) WHERE provider_sid IS NOT NULL
         DO UPDATE SET text = EXCLUDED.text
       RETURNING id)
     SELECT (SELECT count(*) FROM caller_row) + (SELECT count(*) FROM cut) + (SELECT count(*) FROM added) AS n`,
    [
      tenantId,
      r.conversationId,
      r.channel,
      r.callSid ?? null,
      caller,
      r.sids ? r.sids.caller : null,
      heard,
      r.reply?.trim() || null,
      r.channelLatencyMs ?? null,
      r.sids ? r.sids.reply : null,
    ],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}
