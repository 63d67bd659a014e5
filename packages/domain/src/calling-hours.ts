/**
 * When the business may phone a contact: local hours in the contact's time zone (default 09:00 to
 * 20:00, every day, `settings.outboundCallingHours` overrides), the rule consumer-protection law
 * asks of outbound calls. The wait is computed on the local clock; a caller re-checks when it
 * wakes, so a daylight-saving shift in between costs one more short wait, not a call at night.
 */
export interface CallingHours {
  start: string;
  end: string;
}
export const DEFAULT_CALLING_HOURS: CallingHours = { start: '09:00', end: '20:00' };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (hhmm: string) => {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** The tenant's calling hours from its settings, the default when absent or malformed. */
export function callingHoursOf(settings: Record<string, unknown>): CallingHours {
  const h = settings.outboundCallingHours as Partial<CallingHours> | undefined;
  if (h && typeof h.start === 'string' && typeof h.end === 'string') {
    const s = minutesOf(h.start);
    const e = minutesOf(h.end);
    if (s !== null && e !== null && s < e) return { start: h.start, end: h.end };
  }
  return DEFAULT_CALLING_HOURS;
}

/** Milliseconds until calling is allowed at `now` in `timeZone` (0: allowed now). */
export function msUntilCallingHours(now: Date, timeZone: string, hours: CallingHours): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const nowS = part('hour') * 3600 + part('minute') * 60 + part('second');
  const startS = minutesOf(hours.start)! * 60;
  const endS = minutesOf(hours.end)! * 60;
  if (nowS >= startS && nowS < endS) return 0;
  const untilS = nowS < startS ? startS - nowS : 86_400 - nowS + startS;
  return untilS * 1000;
}
