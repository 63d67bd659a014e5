import type { Queryable } from '../pool.ts';
import { agentThreadId, contactConversationKey } from './transcripts.repository.ts';

export interface ErasureCounts {
  messages: number;
  conversations: number;
  calls: number;
  analyses: number;
  outboundTexts: number;
  bookings: number;
  escalations: number;
  /** The agent's saved conversation states (its memory of the threads with this contact). */
  agentStates: number;
  /** Provider webhooks kept for deduplication whose payload named them: emptied, ids kept. */
  webhookPayloads: number;
  /** The contact row: removed, or kept with the phone only as a STOP suppression. */
  contact: 'deleted' | 'suppression_kept' | 'not_found';
  /**
   * The business's CRM (HubSpot), erased after the database: erased (GDPR-deleted, or already
   * gone under the id we had stored), not_found (no id stored and the number matched none),
   * not_configured (no HubSpot connection), rejected (HubSpot refused, e.g. a revoked token:
   * staff erase it by hand). Absent until that step ran.
   */
  crm?: CrmErasure;
  /** The signed webhook's `contact.erased` event: sent, or no webhook configured / refused. */
  crmWebhook?: 'sent' | 'not_configured' | 'rejected';
}

export type CrmErasure = 'erased' | 'not_found' | 'not_configured' | 'rejected';

const n = (r: { rowCount: number | null }) => r.rowCount ?? 0;

/**
 * Removes or anonymises everything of one contact's in one business, in one transaction (pass a
 * transaction client): their transcripts and conversations, the texts sent to them, the call
 * summaries and analyses, the agent's saved state of their threads, and the provider webhooks'
 * payloads that carry their number or calls (the event ids stay, so a redelivery is still
 * recognised); calls and bookings stay for the business's counts with the number and name taken
 * out. Redis holds a call's context for its hours of life only, so it expires on its own. A contact who replied STOP keeps a row with the number alone, so they are never
 * texted again. Run twice, the second finds nothing.
 */
export async function eraseContactData(
  db: Queryable,
  tenantId: string,
  contactId: string,
): Promise<ErasureCounts> {
  const contact = await db.query(
    `SELECT phone, opted_out FROM contacts WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, contactId],
  );
  const row = contact.rows[0] as { phone: string; opted_out: boolean } | undefined;
  const phone = row?.phone ?? null;
  const calls = await db.query(
    `SELECT id, call_sid FROM calls WHERE tenant_id = $1 AND (contact_id = $2 OR from_number = $3)`,
    [tenantId, contactId, phone],
  );
  const callIds = calls.rows.map((r) => r.id as string);
  const callSids = calls.rows.map((r) => r.call_sid as string);
  const convs = await db.query(
    `SELECT id FROM conversations WHERE tenant_id = $1 AND (contact_id = $2 OR call_id = ANY($3::uuid[]))`,
    [tenantId, contactId, callIds],
  );
  const convIds = convs.rows.map((r) => r.id as string);
  const messages = await db.query(
    `DELETE FROM messages WHERE tenant_id = $1
        AND (conversation_id = ANY($2::uuid[]) OR call_sid = ANY($3::text[]))`,
    [tenantId, convIds, callSids],
  );
  const analyses = await db.query(
    `DELETE FROM call_analyses WHERE tenant_id = $1 AND call_id = ANY($2::uuid[])`,
    [tenantId, callIds],
  );
  const escalations = await db.query(
    `UPDATE escalations SET summary = '', reason = 'erased on request'
      WHERE tenant_id = $1 AND (contact_id = $2 OR call_id = ANY($3::uuid[])
        OR conversation_id = ANY($4::uuid[]))`,
    [tenantId, contactId, callIds, convIds],
  );
  const conversations = await db.query(
    `DELETE FROM conversations WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, convIds],
  );
  const callRows = await db.query(
    `UPDATE calls SET from_number = 'erased', summary = NULL, updated_at = now()
      WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, callIds],
  );
  // The agent is the writer of these states; an erasure is the one other hand allowed in.
  const thread = agentThreadId(tenantId, contactConversationKey(contactId));
  const agentStates = await db.query(
    `DELETE FROM agent_conversation_states
      WHERE tenant_id = $1 AND (thread_id = $2 OR starts_with(thread_id, $2 || ':call:'))`,
    [tenantId, thread],
  );
  const webhooks = await db.query(
    `UPDATE webhook_events SET payload = '{}'::jsonb
      WHERE tenant_id = $1 AND payload <> '{}'::jsonb
        AND (strpos(payload::text, $2) > 0 OR payload ->> 'CallSid' = ANY($3::text[]))`,
    [tenantId, phone, callSids],
  );
  const outbound = await db.query(
    `DELETE FROM outbound_messages WHERE tenant_id = $1 AND "to" = $2`,
    [tenantId, phone],
  );
  const bookings = await db.query(
    `UPDATE bookings SET attendee_phone = NULL, attendee_name = NULL, notes = '', updated_at = now()
      WHERE tenant_id = $1 AND (contact_id = $2 OR attendee_phone = $3)`,
    [tenantId, contactId, phone],
  );
  let kept: ErasureCounts['contact'] = 'not_found';
  if (row?.opted_out) {
    await db.query(
      `UPDATE contacts SET name = NULL, email = NULL, qualification = '{}'::jsonb, lead_score = NULL,
          language = NULL, timezone = NULL, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, contactId],
    );
    kept = 'suppression_kept';
  } else if (row) {
    await db.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, [tenantId, contactId]);
    kept = 'deleted';
  }
  return {
    messages: n(messages),
    conversations: n(conversations),
    calls: n(callRows),
    analyses: n(analyses),
    outboundTexts: n(outbound),
    bookings: n(bookings),
    escalations: n(escalations),
    agentStates: n(agentStates),
    webhookPayloads: n(webhooks),
    contact: kept,
  };
}

/**
 * The record of an erasure; a repeated request keeps the first one's counts. `crmPhone` is the
 * number the CRM step looks the contact up by, kept only until that step is recorded.
 */
export async function recordContactErasure(
  db: Queryable,
  tenantId: string,
  e: { contactId: string; requestedBy: string; counts: ErasureCounts; crmPhone?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO contact_erasures (tenant_id, contact_id, requested_by, counts, crm_phone)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, contact_id) DO NOTHING`,
    [tenantId, e.contactId, e.requestedBy, JSON.stringify(e.counts), e.crmPhone ?? null],
  );
}

/**
 * The CRM step's outcome joins the erasure's counts; the number kept for it is cleared, and so
 * are the contact's CRM links (the CRM's copy is gone, so there is nothing to keep in step).
 */
export async function recordCrmErasure(
  db: Queryable,
  tenantId: string,
  contactId: string,
  r: Required<Pick<ErasureCounts, 'crm' | 'crmWebhook'>>,
): Promise<void> {
  await db.query(
    `UPDATE contact_erasures SET counts = counts || $3::jsonb, crm_phone = NULL
      WHERE tenant_id = $1 AND contact_id = $2`,
    [tenantId, contactId, JSON.stringify(r)],
  );
  await db.query(
    `DELETE FROM crm_links WHERE tenant_id = $1 AND kind = 'contact' AND our_id = $2`,
    [tenantId, contactId],
  );
}

export async function getContactErasure(
  db: Queryable,
  tenantId: string,
  contactId: string,
): Promise<{
  requestedBy: string;
  counts: ErasureCounts;
  completedAt: Date;
  crmPhone: string | null;
} | null> {
  const { rows } = await db.query(
    `SELECT requested_by, counts, completed_at, crm_phone FROM contact_erasures WHERE tenant_id = $1 AND contact_id = $2`,
    [tenantId, contactId],
  );
  const r = rows[0];
  return r
    ? {
        requestedBy: r.requested_by as string,
        counts: r.counts as ErasureCounts,
        completedAt: r.completed_at as Date,
        crmPhone: (r.crm_phone as string | null) ?? null,
      }
    : null;
}
