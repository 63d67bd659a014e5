/**
 * What happens after an appointment, in one place: whether an unmarked appointment counts as
 * attended, what a no-show costs the caller's deposit, when a review request may go again to
 * the same contact, how long a waitlist offer stays open, and the quiet hours no text breaks.
 * The tenant tunes it under `settings.followUps`; settings that fail the schema take defaults.
 */
import { z } from 'zod';
import type { Tenant } from './tenant.ts';

const hour = z.number().int().min(0).max(23);

export const followUpSettingsSchema = z.strictObject({
  /**
   * An appointment nobody marked: 'completed' (the default: most businesses never mark
   * attendance) or 'no_show' (businesses whose staff mark every visit).
   */
  unmarkedAttendance: z.enum(['completed', 'no_show']).optional(),
  /** A no-show's paid deposit: kept by the business (the default) or refunded. */
  noShowDeposit: z.enum(['forfeit', 'refund']).optional(),
  /** The page the review request links to; without it no review request is sent. */
  reviewUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  /** A contact asked for a review is not asked again for this many days. */
  reviewRepeatDays: z.number().int().min(1).max(3650).optional(),
  /** How long a waitlisted caller has to answer YES to an offered slot. */
  waitlistReplyMinutes: z.number().int().min(1).max(240).optional(),
  /** No follow-up text between these local hours of the contact (start inclusive, end exclusive). */
  quietHours: z.strictObject({ start: hour, end: hour }).optional(),
});
export type FollowUpSettingsInput = z.infer<typeof followUpSettingsSchema>;

export interface FollowUpSettings {
  unmarkedAttendance: 'completed' | 'no_show';
  noShowDeposit: 'forfeit' | 'refund';
  reviewUrl: string | null;
  reviewRepeatDays: number;
  waitlistReplyMinutes: number;
  quietHours: { start: number; end: number };
}

export const DEFAULT_FOLLOW_UPS: FollowUpSettings = {
  unmarkedAttendance: 'completed',
  noShowDeposit: 'forfeit',
  reviewUrl: null,
  reviewRepeatDays: 90,
  waitlistReplyMinutes: 15,
  quietHours: { start: 21, end: 8 },
};

export function followUpSettings(tenant: Pick<Tenant, 'settings'>): FollowUpSettings {
  const parsed = followUpSettingsSchema.safeParse(tenant.settings?.followUps ?? {});
  const own = parsed.success ? parsed.data : {};
  return {
    unmarkedAttendance: own.unmarkedAttendance ?? DEFAULT_FOLLOW_UPS.unmarkedAttendance,
    noShowDeposit: own.noShowDeposit ?? DEFAULT_FOLLOW_UPS.noShowDeposit,
    reviewUrl: own.reviewUrl ?? DEFAULT_FOLLOW_UPS.reviewUrl,
    reviewRepeatDays: own.reviewRepeatDays ?? DEFAULT_FOLLOW_UPS.reviewRepeatDays,
    waitlistReplyMinutes: own.waitlistReplyMinutes ?? DEFAULT_FOLLOW_UPS.waitlistReplyMinutes,
    quietHours: own.quietHours ?? DEFAULT_FOLLOW_UPS.quietHours,
  };
}

/** Staff's mark wins; an unmarked appointment is what the tenant says unmarked ones are. */
export function appointmentOutcome(
  attended: boolean | null,
  settings: Pick<FollowUpSettings, 'unmarkedAttendance'>,
): 'completed' | 'no_show' {
  if (attended !== null) return attended ? 'completed' : 'no_show';
  return settings.unmarkedAttendance;
}

/** The deposit rule for a no-show: what goes back to the caller (0 when the business keeps it). */
export function noShowRefundMinor(opts: {
  policy: FollowUpSettings['noShowDeposit'];
  paidMinor: number;
  alreadyRefundedMinor: number;
}): number {
  if (opts.policy === 'forfeit') return 0;
  return Math.max(0, opts.paidMinor - opts.alreadyRefundedMinor);
}

/** Whether a contact last asked at `lastSentAt` may be asked for a review again at `now`. */
export function reviewRequestAllowed(
  lastSentAt: Date | null,
  now: Date,
  repeatDays: number,
): boolean {
  return !lastSentAt || now.getTime() - lastSentAt.getTime() >= repeatDays * 86_400_000;
}

function localClock(timezone: string, at: Date): { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

function inQuiet(h: number, q: { start: number; end: number }): boolean {
  if (q.start === q.end) return false;
  return q.start < q.end ? h >= q.start && h < q.end : h >= q.start || h < q.end;
}

/**
 * The first moment at or after `now` outside the quiet hours in `timezone`: `now` itself when it
 * is not quiet. Steps to the next whole local hour until the hour is allowed, so daylight-saving
 * changes (a skipped or repeated hour) cannot make it wrong by more than that step.
 */
export function nextSendableTime(
  now: Date,
  timezone: string,
  quiet: { start: number; end: number },
): Date {
  let t = now;
  for (let i = 0; i < 26; i++) {
    const c = localClock(timezone, t);
    if (!inQuiet(c.hour, quiet)) return t;
    t = new Date(t.getTime() + ((60 - c.minute) * 60 - c.second) * 1000);
  }
  return t;
}

const YES = new Set(['yes', 'y', 'yeah', 'yep', 'ok', 'okay', 'oui', 'si', 'sí', 'yes please']);

/** A reply that accepts an offer: YES (any case, punctuation ignored) or its French/Spanish. */
export function isYesReply(text: string): boolean {
  const t = text
    .slice(0, 40)
    .toLowerCase()
    .replace(/[!.,?¡¿]/g, '')
    .trim();
  return YES.has(t);
}
