import type { Queryable } from '../pool.ts';
import {
  mapTranscriptMessage,
  transcriptMessageColumns,
  type TranscriptMessage,
} from './transcripts.repository.ts';
import {
  exactCursorColumn,
  keysetTail,
  toExactPage,
  type Page,
  type PageRequest,
} from './pagination.ts';
import { mapCall, type Call, type CallOutcome } from './calls.repository.ts';

export interface CallFilter {
  /** Calls started at or after. */
  from?: Date;
  /** Calls started before. */
  to?: Date;
  outcome?: CallOutcome;
  /** Either party's E.164 number. */
  number?: string;
}

const CALL_COLUMNS = `id, tenant_id, call_sid, contact_id, direction, from_number, to_number, status, started_at,
  answered_at, ended_at, duration_seconds, outcome, summary, created_at, updated_at`;

export async function searchCalls(
  db: Queryable,
  tenantId: string,
  filter: CallFilter,
  page: PageRequest,
): Promise<Page<Call>> {
  const params: unknown[] = [tenantId];
  let where = 'tenant_id = $1';
  if (filter.from) {
    params.push(filter.from);
    where += ` AND started_at >= $${params.length}`;
  }
  if (filter.to) {
    params.push(filter.to);
    where += ` AND started_at < $${params.length}`;
  }
  if (filter.outcome) {
    params.push(filter.outcome);
    where += ` AND outcome = $${params.length}`;
  }
  if (filter.number) {
    params.push(filter.number);
    where += ` AND (from_number = $${params.length} OR to_number = $${params.length})`;
  }
  const tail = keysetTail(page, params);
  const { rows } = await db.query(
    `SELECT ${CALL_COLUMNS}, ${exactCursorColumn()} FROM calls WHERE ${where}${tail.sql}`,
    tail.params,
  );
  return toExactPage(rows, mapCall, page.limit);
}

/** A transcript line as the admin API shows it: the one mapping of a messages row. */
export type TranscriptLine = TranscriptMessage;

const MESSAGE_COLUMNS = transcriptMessageColumns('m');

/** The full transcript of one call: every message of the conversations attached to it, in order. */
export async function callTranscript(
  db: Queryable,
  tenantId: string,
  callId: string,
): Promise<TranscriptLine[]> {
  const { rows } = await db.query(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id AND c.tenant_id = m.tenant_id
      WHERE m.tenant_id = $1 AND c.call_id = $2 AND m.channel = 'voice'
      ORDER BY m.created_at, m.id`,
    [tenantId, callId],
  );
  return rows.map(mapTranscriptMessage);
}

export interface SmsConversation {
  id: string;
  tenantId: string;
  contactId: string | null;
  contactPhone: string | null;
  messageCount: number;
  lastMessageAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function mapConversation(r: Record<string, unknown>): SmsConversation {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    contactId: (r.contact_id as string | null) ?? null,
    contactPhone: (r.contact_phone as string | null) ?? null,
    messageCount: r.message_count as number,
    lastMessageAt: (r.last_message_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

const CONVERSATION_SELECT = `SELECT c.id, c.tenant_id, c.contact_id, ct.phone AS contact_phone, c.created_at, c.updated_at,
    ${exactCursorColumn('c')},
    (SELECT count(*)::int FROM messages m WHERE m.tenant_id = c.tenant_id AND m.conversation_id = c.id AND m.channel = 'sms') AS message_count,
    (SELECT max(m.created_at) FROM messages m WHERE m.tenant_id = c.tenant_id AND m.conversation_id = c.id AND m.channel = 'sms') AS last_message_at
  FROM conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id AND ct.tenant_id = c.tenant_id`;

/** Text threads: conversations that carry SMS, whichever channel opened them. */
export async function listSmsConversations(
  db: Queryable,
  tenantId: string,
  page: PageRequest,
): Promise<Page<SmsConversation>> {
  const tail = keysetTail(page, [tenantId], 'c');
  const { rows } = await db.query(
    `${CONVERSATION_SELECT}
      WHERE c.tenant_id = $1 AND (c.channel = 'sms' OR EXISTS (
        SELECT 1 FROM messages m WHERE m.tenant_id = c.tenant_id AND m.conversation_id = c.id AND m.channel = 'sms'))${tail.sql}`,
    tail.params,
  );
  return toExactPage(rows, mapConversation, page.limit);
}

export async function getSmsConversation(
  db: Queryable,
  tenantId: string,
  conversationId: string,
): Promise<(SmsConversation & { messages: TranscriptLine[] }) | null> {
  const { rows } = await db.query(`${CONVERSATION_SELECT} WHERE c.tenant_id = $1 AND c.id = $2`, [
    tenantId,
    conversationId,
  ]);
  if (!rows[0]) return null;
  const messages = await db.query(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m
      WHERE m.tenant_id = $1 AND m.conversation_id = $2 AND m.channel = 'sms' ORDER BY m.created_at, m.id`,
    [tenantId, conversationId],
  );
  return { ...mapConversation(rows[0]), messages: messages.rows.map(mapTranscriptMessage) };
}
