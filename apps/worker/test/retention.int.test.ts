// The retention sweep on the dev server: what is older than the business keeps it goes, in
// batches; what is newer, texts still to send and other businesses' rows stay.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createCallIdempotent,
  ensureConversationRow,
  saveCallAnalysis,
  upsertContactByPhone,
} from '@receptionist/db';
import { useHarness } from './harness.ts';

const h = useHarness('retention');

const DAY = 86_400_000;

/** Five transcript lines, a summarised and analysed call, and three texts, `ago` days old. */
async function history(tenantId: string, ago: number) {
  const at = new Date(Date.now() - ago * DAY);
  const contact = await upsertContactByPhone(h.db.pool, tenantId, h.phone());
  const conversationId = randomUUID();
  await ensureConversationRow(h.db.pool, tenantId, {
    id: conversationId,
    contactId: contact.id,
    channel: 'voice',
  });
  for (let i = 0; i < 5; i++)
    await h.db.pool.query(
      `INSERT INTO messages (tenant_id, conversation_id, channel, role, text, created_at)
       VALUES ($1, $2, 'voice', 'caller', 'words', $3)`,
      [tenantId, conversationId, at],
    );
  const { call } = await createCallIdempotent(h.db.pool, tenantId, {
    callSid: `CA${randomUUID().replace(/-/g, '')}`,
    fromNumber: contact.phone,
    toNumber: '+14155550100',
  });
  await h.db.pool.query(`UPDATE calls SET summary = 'said things', started_at = $2 WHERE id = $1`, [
    call.id,
    at,
  ]);
  await saveCallAnalysis(h.db.pool, tenantId, call.id, {
    intent: 'question',
    outcome: 'answered',
    followUpNeeded: false,
    followUpReason: null,
    sentiment: 'neutral',
    evidence: { intent: [], outcome: [], followUp: [], sentiment: [] },
    source: 'rules',
    model: null,
  });
  await h.db.pool.query(`UPDATE call_analyses SET created_at = $2 WHERE call_id = $1`, [
    call.id,
    at,
  ]);
  for (const status of ['sent', 'failed', 'queued'])
    await h.db.pool.query(
      `INSERT INTO outbound_messages (tenant_id, "to", body, idempotency_key, status, created_at)
       VALUES ($1, $2, 'hi', $3, $4, $5)`,
      [tenantId, contact.phone, `r-${randomUUID()}`, status, at],
    );
}

async function counts(tenantId: string) {
  const { rows } = await h.db.pool.query(
    `SELECT
       (SELECT count(*)::int FROM messages WHERE tenant_id = $1) AS messages,
       (SELECT count(*)::int FROM calls WHERE tenant_id = $1 AND summary IS NOT NULL) AS summaries,
       (SELECT count(*)::int FROM call_analyses WHERE tenant_id = $1) AS analyses,
       (SELECT count(*)::int FROM outbound_messages WHERE tenant_id = $1) AS texts`,
    [tenantId],
  );
  return rows[0];
}

describe('retention sweep', () => {
  it('removes what is older than the business keeps it, in batches, and nothing else', async () => {
    const tenant = await h.makeTenant({
      settings: { retention: { transcriptsDays: 30, summariesDays: 60, outboundTextsDays: 30 } },
    });
    const other = await h.makeTenant();
    await history(tenant.id, 90); // older than every period
    await history(tenant.id, 45); // transcripts and texts go, summaries stay
    await history(tenant.id, 1);
    await history(other.id, 90);
    const result = await h.client.workflow.execute('retentionWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `retention-${tenant.id}-${randomUUID()}`,
      args: [{ tenantId: tenant.id, batchSize: 2 }],
    });
    expect(result).toEqual({ transcripts: 10, summaries: 2, outbound_texts: 4 });
    expect(await counts(tenant.id)).toEqual({ messages: 5, summaries: 2, analyses: 2, texts: 5 });
    expect(await counts(other.id)).toEqual({ messages: 5, summaries: 1, analyses: 1, texts: 3 });
  }, 90_000);

  it('keeps everything for a business with no retention set', async () => {
    const tenant = await h.makeTenant();
    await history(tenant.id, 400);
    expect(
      await h.client.workflow.execute('retentionWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: `retention-${tenant.id}-${randomUUID()}`,
        args: [{ tenantId: tenant.id }],
      }),
    ).toEqual({});
    expect(await counts(tenant.id)).toEqual({ messages: 5, summaries: 1, analyses: 1, texts: 3 });
  }, 90_000);
});
