import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Opening intervals per weekday, in the tenant's own timezone. A missing day is closed. */
export const businessHoursSchema = z
  .partialRecord(z.enum(weekdays), z.array(z.object({ open: hhmm, close: hhmm })).max(4))
  .refine(
    (h) => Object.values(h).every((ivs) => ivs?.every((iv) => iv.open < iv.close)),
    'open must be before close',
  );
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const serviceSchema = z.object({
  name: z.string().min(1).max(120),
  durationMinutes: z.number().int().min(5).max(480),
  priceMinor: z.number().int().min(0).optional(),
});
export type Service = z.infer<typeof serviceSchema>;

export const calendarProviders = ['builtin', 'calcom'] as const;
export type CalendarProvider = (typeof calendarProviders)[number];
export const voiceModes = ['gather', 'relay'] as const;
export type VoiceMode = (typeof voiceModes)[number];

/** How a write-only secret reads back: it is set, and that is all anyone learns. */
export interface SecretSet {
  set: true;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  businessHours: BusinessHours;
  closedDates: string[];
  greeting: string;
  persona: string;
  languages: string[];
  escalationPhone: string | null;
  escalationContacts: {
    name: string;
    phone?: string;
    email?: string;
    /** Write-only: the URL itself is read with getTenantSecrets where it is used. */
    slackWebhookUrl?: SecretSet;
  }[];
  depositRequired: boolean;
  depositAmountMinor: number;
  currency: string;
  holdTimeoutMinutes: number;
  refundFullUntilHours: number;
  calendarProvider: CalendarProvider;
  calendarSettings: Record<string, unknown>;
  voiceMode: VoiceMode;
  voice: string;
  services: Service[];
  settings: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
