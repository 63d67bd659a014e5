import { endedCallStatuses } from '@receptionist/domain';
import type { Queryable } from '../pool.ts';
import { mapCall, type Call } from './calls.repository.ts';
import {
  mapTranscriptMessage,
  transcriptMessageColumns,
  type TranscriptMessage,
} from './transcripts.repository.ts';

/** A row whose end Twilio never reported is not "live" forever. */
const LIVE_WINDOW = '4 hours';

export interface LiveCalls {
  calls: Call[];
  /** The calls' turns in order, oldest first. */
  messages: TranscriptMessage[];
}

/**
 * The business's calls in progress (newest first, at most `maxCalls`) and their turns; the page
 * index (tenant, created_at) finds the calls, the call-sid index their messages.
 */
export async function listLiveCalls(
  db: Queryable,
  tenantId: string,
  opts: { maxCalls: number; maxMessages: number },
): Promise<LiveCalls> {
  const { rows } = await db.query(
    `SELECT id, tenant_id, call_sid, contact_id, direction, from_number, to_number, status, started_at,
        answered_at, ended_at, duration_seconds, outcome, summary, created_at, updated_at
       FROM calls
      WHERE tenant_id = $1 AND created_at > now() - $2::interval AND NOT (status = ANY($3))
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [tenantId, LIVE_WINDOW, endedCallStatuses, opts.maxCalls],
  );
  const calls = rows.map(mapCall);
  if (calls.length === 0) return { calls, messages: [] };
  const m = await db.query(
    `SELECT ${transcriptMessageColumns()} FROM messages
      WHERE tenant_id = $1 AND call_sid = ANY($2)
      ORDER BY created_at, id LIMIT $3`,
    [tenantId, calls.map((c) => c.callSid), opts.maxMessages],
  );
  return { calls, messages: m.rows.map(mapTranscriptMessage) };
}
