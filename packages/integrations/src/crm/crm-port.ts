/**
 * The CRM port: what the product keeps in step in a business's CRM. Each write names our id and,
 * once known, the CRM's id (stored by the caller), so a retry updates instead of creating twice.
 */
export interface CrmContact {
  ourId: string;
  /** E.164 */
  phone: string;
  name: string | null;
  email: string | null;
}

export interface CrmCall {
  ourId: string;
  contactCrmId: string;
  startedAt: Date;
  durationSeconds: number | null;
  direction: 'inbound' | 'outbound';
  outcome: string | null;
  summary: string | null;
  /** Where staff read the transcript (our console). */
  transcriptUrl: string;
}

export interface CrmMeeting {
  ourId: string;
  contactCrmId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
}

/** Who to erase: the CRM id we stored when syncing, and/or the number to look them up by. */
export interface CrmErasureTarget {
  crmId: string | null;
  /** E.164 */
  phone: string | null;
}

/**
 * erased: the contact is no longer in the CRM (deleted now, or already gone under the id we had
 * stored: a second run finds a 404 and counts it done); not_found: we had no id and the number
 * matched no contact.
 */
export type CrmErasureOutcome = 'erased' | 'not_found';

export interface CrmPort {
  readonly provider: 'hubspot';
  /** Finds the contact by our stored id, else by phone, else creates it; answers the CRM id. */
  upsertContact(c: CrmContact, crmId: string | null): Promise<string>;
  logCall(c: CrmCall, crmId: string | null): Promise<string>;
  logMeeting(m: CrmMeeting, crmId: string | null): Promise<string>;
  /** Permanently deletes the contact (the CRM's GDPR delete) by stored id and by phone. */
  eraseContact(t: CrmErasureTarget): Promise<CrmErasureOutcome>;
}

/** The CRM asked us to slow down (HTTP 429); retry no sooner than `retryAfterMs`. */
export class CrmRateLimited extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`CRM rate limit: retry after ${retryAfterMs} ms`);
    this.name = 'CrmRateLimited';
    this.retryAfterMs = retryAfterMs;
  }
}

/** The CRM refused the request as invalid (4xx other than 429): retrying will not help. */
export class CrmRejected extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'CrmRejected';
    this.status = status;
  }
}

/** Retry-After in seconds or as an HTTP date; absent or unreadable: one second. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number {
  if (!header) return 1_000;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return Math.min(s * 1000, 3_600_000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1_000 : Math.min(Math.max(at - now, 0), 3_600_000);
}
