import { z } from 'zod';
import { weekdays } from './tenant.ts';

/**
 * The owner's daily and weekly numbers: what is counted, the settings (tenant
 * `settings.reports`) and the email and Slack texts. The figures come from the database; the
 * schedules are Temporal Schedules in the tenant's own time zone.
 */
export const reportSettingsSchema = z.strictObject({
  daily: z.boolean().default(true),
  weekly: z.boolean().default(true),
  /** Local time the report goes out, in the business's time zone. */
  sendAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
    .default('19:00'),
  weeklyDay: z.enum(weekdays).default('fri'),
  /** Who gets the email; empty: every escalation contact with an address. */
  emails: z.array(z.email().max(254)).max(10).default([]),
  /** Post to the escalation contacts' Slack webhooks too. */
  slack: z.boolean().default(true),
});
export type ReportSettings = z.output<typeof reportSettingsSchema>;

export function reportSettings(settings: Record<string, unknown>): ReportSettings {
  const parsed = reportSettingsSchema.safeParse(settings.reports ?? {});
  return parsed.success ? parsed.data : reportSettingsSchema.parse({});
}

export type ReportPeriod = 'daily' | 'weekly';

export interface ReportFigures {
  calls: number;
  /** Calls the agent saw through (booked, answered, a message taken, a booking left unfinished). */
  answeredByAgent: number;
  transferred: number;
  missed: number;
  bookings: number;
  deposits: number;
  depositsMinor: number;
  noShows: number;
  /** Escalations still open when the report was made (not a count over the period). */
  openEscalations: number;
}

export interface TenantReport {
  tenantName: string;
  period: ReportPeriod;
  /** Local dates the report covers, inclusive. */
  fromDate: string;
  toDate: string;
  currency: string;
  figures: ReportFigures;
  /** The week before, for the weekly report. */
  previous: ReportFigures | null;
}

const LINES: [keyof ReportFigures, string][] = [
  ['calls', 'Calls'],
  ['answeredByAgent', 'Handled by the assistant'],
  ['transferred', 'Transferred to staff'],
  ['missed', 'Missed calls'],
  ['bookings', 'Bookings'],
  ['deposits', 'Deposits paid'],
  ['noShows', 'No-shows'],
  ['openEscalations', 'Open escalations'],
];

function money(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}

function change(now: number, before: number): string {
  const d = now - before;
  if (d === 0) return 'same as the week before';
  return `${d > 0 ? '+' : ''}${d} vs the week before (${before})`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The report as an email (subject, text and HTML) and a Slack post. */
export function renderReport(r: TenantReport): {
  subject: string;
  text: string;
  html: string;
  slack: string;
} {
  const span = r.fromDate === r.toDate ? r.fromDate : `${r.fromDate} to ${r.toDate}`;
  const title = `${r.tenantName}: ${r.period === 'daily' ? 'daily' : 'weekly'} report, ${span}`;
  const rows = LINES.map(([key, label]) => {
    const value =
      key === 'deposits'
        ? `${r.figures.deposits} (${money(r.figures.depositsMinor, r.currency)})`
        : String(r.figures[key]);
    const cmp =
      r.previous && key !== 'openEscalations' ? change(r.figures[key], r.previous[key]) : '';
    return { label, value, cmp };
  });
  const text = [
    title,
    '',
    ...rows.map((x) => `${x.label}: ${x.value}${x.cmp ? `, ${x.cmp}` : ''}`),
    '',
    'Receptionist',
  ].join('\n');
  const html = [
    `<h2>${escapeHtml(title)}</h2>`,
    '<table cellpadding="4">',
    ...rows.map(
      (x) =>
        `<tr><td>${escapeHtml(x.label)}</td><td><b>${escapeHtml(x.value)}</b></td>${
          r.previous ? `<td>${escapeHtml(x.cmp)}</td>` : ''
        }</tr>`,
    ),
    '</table>',
  ].join('\n');
  const slack = [
    `*${title}*`,
    ...rows.map((x) => `• ${x.label}: ${x.value}${x.cmp ? ` (${x.cmp})` : ''}`),
  ].join('\n');
  return { subject: title, text, html, slack };
}
