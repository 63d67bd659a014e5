import type { Queryable } from '../pool.ts';

export type OutboundPurpose = 'reminder' | 'reactivation' | 'follow_up' | 'callback';
export type OutboundOutcome =
  | 'human'
  | 'voicemail'
  | 'no_answer'
  | 'busy'
  | 'failed'
  | 'opted_out'
  | 'no_consent'
  | 'over_budget'
  | 'cancelled';

export interface OutboundCampaign {
  id: string;
  tenantId: string;
  kind: 'campaign' | 'callback';
  purpose: OutboundPurpose;
  status: 'running' | 'completed' | 'cancelled';
  policy: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface OutboundTarget {
  id: string;
  campaignId: string;
  contactId: string;
  status: 'pending' | 'calling' | 'done';
  outcome: OutboundOutcome | null;
  attempts: number;
  updatedAt: Date;
}

/** What deciding and placing one dial needs to know about the contact and the business. */
export interface DialTarget {
  targetId: string;
  tenantId: string;
  purpose: OutboundPurpose;
  phone: string;
  contactName: string | null;
  optedOut: boolean;
  /** Consent recorded, or a customer (a booking ever confirmed, completed or missed). */
  consented: boolean;
  timezone: string;
  language: string | null;
  tenantName: string;
  tenantLanguages: string[];
  tenantSettings: Record<string, unknown>;
}

const mapCampaign = (r: Record<string, unknown>): OutboundCampaign => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  kind: r.kind as OutboundCampaign['kind'],
  purpose: r.purpose as OutboundPurpose,
  status: r.status as OutboundCampaign['status'],
  policy: r.policy as Record<string, unknown>,
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
});

const mapTarget = (r: Record<string, unknown>): OutboundTarget => ({
  id: r.id as string,
  campaignId: r.campaign_id as string,
  contactId: r.contact_id as string,
  status: r.status as OutboundTarget['status'],
  outcome: (r.outcome as OutboundOutcome | null) ?? null,
  attempts: r.attempts as number,
  updatedAt: r.updated_at as Date,
});

/**
 * The campaign and one target per listed contact of this tenant; ids of other tenants' contacts
 * (or unknown ones) are returned as `unknown` and get no target.
 */
export async function createOutboundCampaign(
  db: Queryable,
  tenantId: string,
  c: {
    kind: OutboundCampaign['kind'];
    purpose: OutboundPurpose;
    policy: Record<string, unknown>;
    contactIds: string[];
  },
): Promise<{ campaign: OutboundCampaign; targets: OutboundTarget[]; unknown: string[] }> {
  const { rows } = await db.query(
    `INSERT INTO outbound_campaigns (tenant_id, kind, purpose, policy) VALUES ($1, $2, $3, $4)
     RETURNING *`,
    [tenantId, c.kind, c.purpose, JSON.stringify(c.policy)],
  );
  const campaign = mapCampaign(rows[0]);
  const t = await db.query(
    `INSERT INTO outbound_targets (tenant_id, campaign_id, contact_id)
     SELECT $1, $2, id FROM contacts WHERE tenant_id = $1 AND id = ANY($3::uuid[])
     ON CONFLICT (campaign_id, contact_id) DO NOTHING
     RETURNING *`,
    [tenantId, campaign.id, c.contactIds],
  );
  const targets = t.rows.map(mapTarget);
  const known = new Set(targets.map((x) => x.contactId));
  return { campaign, targets, unknown: [...new Set(c.contactIds)].filter((id) => !known.has(id)) };
}

export async function getOutboundCampaign(
  db: Queryable,
  tenantId: string,
  campaignId: string,
): Promise<OutboundCampaign | null> {
  const { rows } = await db.query(
    `SELECT * FROM outbound_campaigns WHERE tenant_id = $1 AND id = $2`,
    [tenantId, campaignId],
  );
  return rows[0] ? mapCampaign(rows[0]) : null;
}

export async function listOutboundTargets(
  db: Queryable,
  tenantId: string,
  campaignId: string,
  opts: { pendingOnly?: boolean; limit?: number } = {},
): Promise<OutboundTarget[]> {
  const { rows } = await db.query(
    `SELECT * FROM outbound_targets WHERE tenant_id = $1 AND campaign_id = $2
       AND ($3::boolean IS FALSE OR status <> 'done')
     ORDER BY created_at, id LIMIT $4`,
    [tenantId, campaignId, opts.pendingOnly ?? false, opts.limit ?? 1000],
  );
  return rows.map(mapTarget);
}

export async function setOutboundCampaignStatus(
  db: Queryable,
  tenantId: string,
  campaignId: string,
  status: OutboundCampaign['status'],
): Promise<void> {
  await db.query(
    `UPDATE outbound_campaigns SET status = $3, updated_at = now()
      WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
    [tenantId, campaignId, status],
  );
}

export async function getDialTarget(
  db: Queryable,
  tenantId: string,
  targetId: string,
): Promise<DialTarget | null> {
  const { rows } = await db.query(
    `SELECT t.id AS target_id, t.tenant_id, oc.purpose, c.phone, c.name, c.opted_out, c.language,
            COALESCE(c.timezone, tn.timezone) AS timezone, tn.name AS tenant_name,
            tn.languages, tn.settings,
            (c.call_consent_at IS NOT NULL OR EXISTS (
               SELECT 1 FROM bookings b WHERE b.tenant_id = t.tenant_id AND b.contact_id = c.id
                  AND b.status IN ('confirmed', 'completed', 'no_show'))) AS consented
       FROM outbound_targets t
       JOIN outbound_campaigns oc ON oc.id = t.campaign_id
       JOIN contacts c ON c.id = t.contact_id AND c.tenant_id = t.tenant_id
       JOIN tenants tn ON tn.id = t.tenant_id
      WHERE t.tenant_id = $1 AND t.id = $2`,
    [tenantId, targetId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    targetId: r.target_id,
    tenantId: r.tenant_id,
    purpose: r.purpose,
    phone: r.phone,
    contactName: r.name ?? null,
    optedOut: r.opted_out,
    consented: r.consented,
    timezone: r.timezone,
    language: r.language ?? null,
    tenantName: r.tenant_name,
    tenantLanguages: r.languages,
    tenantSettings: r.settings ?? {},
  };
}

export interface OutboundDial {
  id: string;
  targetId: string;
  attempt: number;
  fromNumber: string;
  callSid: string | null;
  answeredBy: string | null;
  callStatus: string | null;
  voicemailLeftAt: Date | null;
}
const mapDial = (r: Record<string, unknown>): OutboundDial => ({
  id: r.id as string,
  targetId: r.target_id as string,
  attempt: r.attempt as number,
  fromNumber: r.from_number as string,
  callSid: (r.call_sid as string | null) ?? null,
  answeredBy: (r.answered_by as string | null) ?? null,
  callStatus: (r.call_status as string | null) ?? null,
  voicemailLeftAt: (r.voicemail_left_at as Date | null) ?? null,
});

/** The dial row of (target, attempt), created on first claim; a retry gets the same row back. */
export async function claimOutboundDial(
  db: Queryable,
  tenantId: string,
  d: { targetId: string; attempt: number; fromNumber: string },
): Promise<OutboundDial> {
  const { rows } = await db.query(
    `WITH ins AS (
       INSERT INTO outbound_dials (tenant_id, target_id, attempt, from_number)
       SELECT $1, $2, $3, $4 WHERE EXISTS (
         SELECT 1 FROM outbound_targets WHERE tenant_id = $1 AND id = $2)
       ON CONFLICT (target_id, attempt) DO NOTHING RETURNING *)
     SELECT * FROM ins
     UNION ALL
     SELECT * FROM outbound_dials WHERE tenant_id = $1 AND target_id = $2 AND attempt = $3`,
    [tenantId, d.targetId, d.attempt, d.fromNumber],
  );
  if (!rows[0]) throw new Error('outbound target not found');
  await db.query(
    `UPDATE outbound_targets SET status = 'calling', attempts = GREATEST(attempts, $3),
            updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status <> 'done'`,
    [tenantId, d.targetId, d.attempt],
  );
  return mapDial(rows[0]);
}

export async function setOutboundDialCallSid(
  db: Queryable,
  tenantId: string,
  dialId: string,
  callSid: string,
): Promise<void> {
  await db.query(`UPDATE outbound_dials SET call_sid = $3 WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    dialId,
    callSid,
  ]);
}

export async function recordOutboundDialResult(
  db: Queryable,
  tenantId: string,
  callSid: string,
  r: { answeredBy?: string | null; callStatus?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE outbound_dials SET answered_by = COALESCE($3, answered_by),
            call_status = COALESCE($4, call_status)
      WHERE tenant_id = $1 AND call_sid = $2`,
    [tenantId, callSid, r.answeredBy ?? null, r.callStatus ?? null],
  );
}

/** True for the first caller only: the voicemail of a call is left once. */
export async function claimVoicemail(
  db: Queryable,
  tenantId: string,
  callSid: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE outbound_dials SET voicemail_left_at = now()
      WHERE tenant_id = $1 AND call_sid = $2 AND voicemail_left_at IS NULL`,
    [tenantId, callSid],
  );
  return (rowCount ?? 0) > 0;
}

export async function finishOutboundTarget(
  db: Queryable,
  tenantId: string,
  targetId: string,
  outcome: OutboundOutcome,
): Promise<void> {
  await db.query(
    `UPDATE outbound_targets SET status = 'done', outcome = $3, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, targetId, outcome],
  );
}

/**
 * Reserves the next call slot on a calling number, `spacingMs` after the previous one, and
 * returns how long to wait for it. Atomic, so concurrent dials from one number queue up.
 */
export async function reserveNumberSlot(
  db: Queryable,
  tenantId: string,
  e164: string,
  spacingMs: number,
): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO outbound_number_pacing AS p (e164, tenant_id, next_free_at)
     VALUES ($2, $1, now() + make_interval(secs => $3 / 1000.0))
     ON CONFLICT (e164) DO UPDATE
       SET next_free_at = GREATEST(p.next_free_at, now()) + make_interval(secs => $3 / 1000.0)
       WHERE p.tenant_id = $1
     RETURNING GREATEST(0, EXTRACT(EPOCH FROM (p.next_free_at - now())) * 1000 - $3) AS wait_ms`,
    [tenantId, e164, spacingMs],
  );
  return Math.ceil(Number(rows[0]?.wait_ms ?? 0));
}
