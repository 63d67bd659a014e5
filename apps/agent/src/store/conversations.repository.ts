import { createHash } from 'node:crypto';
import type { Queryable } from '@receptionist/db';
import type { Channel } from '@receptionist/domain';

/**
 * The channel names a conversation by its own id (a CallSid, an SMS thread key); the row id is a
 * name-based UUID of tenant and that id, so every replica derives the same row without a lookup
 * table and two tenants can never collide.
 */
export function conversationRowId(tenantId: string, conversationId: string): string {
  const h = createHash('sha1').update(`${tenantId}\u0000${conversationId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export async function ensureConversation(
  db: Queryable,
  tenantId: string,
  c: { id: string; contactId: string | null; channel: Channel; callId: string | null },
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

export interface StoredMessage {
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

export async function insertMessages(
  db: Queryable,
  tenantId: string,
  conversationId: string,
  channel: Channel,
  messages: StoredMessage[],
): Promise<void> {
  // One statement, so a turn's caller line and reply are stored together or not at all, in order.
  const values: unknown[] = [];
  const tuples = messages.map((m, i) => {
    values.push(
      tenantId,
      conversationId,
      channel,
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
    const b = i * 13;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10}, $${b + 11}, $${b + 12}, clock_timestamp() + make_interval(secs => $${b + 13}::int * 0.000001))`;
  });
  await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, channel, role, text, agent, latency_ms, model_latency_ms,
        input_tokens, output_tokens, cost_micro_usd, provider_sid, created_at)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (tenant_id, provider_sid) WHERE provider_sid IS NOT NULL DO NOTHING`,
    values,
  );
}

export async function listConversationMessages(
  db: Queryable,
  tenantId: string,
  conversationId: string,
): Promise<(StoredMessage & { createdAt: Date })[]> {
  const { rows } = await db.query(
    `SELECT role, text, agent, latency_ms, model_latency_ms, input_tokens, output_tokens, cost_micro_usd, created_at
       FROM messages WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY created_at, id`,
    [tenantId, conversationId],
  );
  return rows.map((r) => ({
    role: r.role as 'caller' | 'agent',
    text: r.text as string,
    agent: r.agent as string | null,
    latencyMs: r.latency_ms as number | null,
    modelLatencyMs: r.model_latency_ms as number | null,
    inputTokens: r.input_tokens as number,
    outputTokens: r.output_tokens as number,
    costMicroUsd: r.cost_micro_usd as number,
    createdAt: r.created_at as Date,
  }));
}

export async function insertEscalation(
  db: Queryable,
  tenantId: string,
  e: {
    callId: string | null;
    conversationId: string;
    contactId: string | null;
    kind: 'transfer' | 'message';
    reason: string;
    summary: string;
  },
): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO escalations (tenant_id, call_id, conversation_id, contact_id, kind, reason, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [tenantId, e.callId, e.conversationId, e.contactId, e.kind, e.reason, e.summary],
  );
  return rows[0].id as string;
}
