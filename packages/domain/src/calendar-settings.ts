import { z } from 'zod';

/**
 * A tenant's calendar settings (tenants.calendar_settings), in one place: the admin API refuses
 * anything else on write, and the calendars read stored values through `readCalendarSettings`,
 * so a row written before this schema (or by hand) cannot make a slot search run away.
 * Every number is a bounded whole number: a step of 1e-6 minutes once meant a billion loop turns.
 */
const minutes = (min: number, max: number) => z.number().int().min(min).max(max);

export const CALENDAR_SETTING_BOUNDS = {
  slotMinutes: { min: 5, max: 480 },
  stepMinutes: { min: 5, max: 240 },
  bufferBeforeMinutes: { min: 0, max: 240 },
  bufferAfterMinutes: { min: 0, max: 240 },
  /** 30 days. */
  minNoticeMinutes: { min: 0, max: 43_200 },
} as const;

const b = CALENDAR_SETTING_BOUNDS;
export const calendarSettingsShape = {
  /** Cal.com API key (cal_live_...); only for calendar_provider = 'calcom'. */
  apiKey: z.string().trim().min(1).max(200),
  /** The secret Cal.com signs this business's webhooks with. */
  webhookSecret: z.string().trim().min(1).max(200),
  /** Cal.com event type id. */
  eventTypeId: z.number().int().min(1).max(2_147_483_647),
  /** Appointment length when the service names none (30 when unset). */
  slotMinutes: minutes(b.slotMinutes.min, b.slotMinutes.max),
  /** Slot grid of the built-in calendar (15 when unset). */
  stepMinutes: minutes(b.stepMinutes.min, b.stepMinutes.max),
  bufferBeforeMinutes: minutes(b.bufferBeforeMinutes.min, b.bufferBeforeMinutes.max),
  bufferAfterMinutes: minutes(b.bufferAfterMinutes.min, b.bufferAfterMinutes.max),
  minNoticeMinutes: minutes(b.minNoticeMinutes.min, b.minNoticeMinutes.max),
};

export const calendarSettingsSchema = z.strictObject(calendarSettingsShape).partial();
export type CalendarSettings = z.infer<typeof calendarSettingsSchema>;

/**
 * The settings a calendar may act on: each stored value that fails its rule is dropped (the
 * calendar then uses its default), the others kept, so one bad field does not lose the API key.
 */
export function readCalendarSettings(stored: unknown): CalendarSettings {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(calendarSettingsShape)) {
    const value = (stored as Record<string, unknown>)[key];
    if (value === undefined) continue;
    // eventTypeId was accepted as a string before the schema; the number it names still counts.
    const candidate =
      key === 'eventTypeId' && typeof value === 'string' && /^\d{1,10}$/.test(value)
        ? Number(value)
        : value;
    const parsed = rule.safeParse(candidate);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as CalendarSettings;
}
