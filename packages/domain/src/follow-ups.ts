import { z } from 'zod';

/**
 * The rules of the texts that follow a call up: a lead who did not book, an escalation nobody has
 * resolved yet. Settings live in the tenant's `settings.outreach`; every field has a default so
 * a business that never set them still follows its leads up.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export const outreachSettingsSchema = z.object({
  /** Days after the call each lead follow-up text goes out. */
  leadDays: z.array(z.number().int().min(1).max(60)).min(1).max(6).default([1, 3, 7]),
  /** The lowest lead score (0-100) that makes a caller worth following up. */
  leadMinScore: z.number().int().min(0).max(100).default(35),
  /** Minutes an open escalation waits before the staff are reminded, and between reminders. */
  escalationReminderMinutes: z.number().int().min(1).max(1_440).default(15),
  /** Reminders before the follow-up stops (each to the next escalation contact). */
  escalationMaxReminders: z.number().int().min(1).max(10).default(3),
  /** What the caller is promised: someone calls back within this many minutes while open. */
  callbackWithinMinutes: z.number().int().min(5).max(1_440).default(60),
  /** No text to a contact between these local times (their time zone, else the business's). */
  quietHours: z.object({ start: hhmm, end: hhmm }).default({ start: '21:00', end: '08:00' }),
});
export type OutreachSettings = z.output<typeof outreachSettingsSchema>;

/** The tenant's follow-up settings; a malformed stored value falls back to the defaults. */
export function outreachSettings(settings: Record<string, unknown>): OutreachSettings {
  const parsed = outreachSettingsSchema.safeParse(settings.outreach ?? {});
  return parsed.success ? parsed.data : outreachSettingsSchema.parse({});
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Minutes past local midnight of an instant in a time zone. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * When a text may go out: `at` itself outside quiet hours, else the end of the quiet window in
 * the contact's zone. A window may span midnight (21:00-08:00) or not (12:00-14:00).
 */
export function textAllowedAt(
  at: Date,
  timeZone: string,
  quiet: { start: string; end: string },
): Date {
  const now = localMinutes(at, timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return at;
  const wait = (end - now + 1_440) % 1_440;
  const next = new Date(at.getTime() + wait * 60_000);
  next.setUTCSeconds(0, 0);
  return next;
}

/** Whether a lead is worth following up: qualified enough, and never after a STOP. */
export function leadWorthFollowingUp(
  contact: { leadScore: number | null; optedOut: boolean },
  settings: OutreachSettings,
): boolean {
  return !contact.optedOut && (contact.leadScore ?? 0) >= settings.leadMinScore;
}

/**
 * Who is reminded of an open escalation, in order: the escalation phone, then each escalation
 * contact. Reminder n goes to the n-th (wrapping round) so it reaches someone new each time.
 */
export function escalationContactOrder(tenant: {
  escalationPhone: string | null;
  escalationContacts: { name: string; phone?: string; email?: string }[];
}): { name: string; phone?: string; email?: string }[] {
  const order: { name: string; phone?: string; email?: string }[] = [];
  if (tenant.escalationPhone) order.push({ name: 'front desk', phone: tenant.escalationPhone });
  for (const c of tenant.escalationContacts) {
    if (c.phone && c.phone === tenant.escalationPhone && !c.email) continue;
    if (c.phone || c.email) order.push(c);
  }
  return order;
}
