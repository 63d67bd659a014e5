import { getTenant, updateTenantBookingSettings } from '@receptionist/db';
import {
  reportSettings,
  reportSettingsSchema,
  retentionSettings,
  retentionSettingsSchema,
} from '@receptionist/domain';
import { HttpError } from '@receptionist/observability';
import { defineRoute, orNotFound } from './route-table.ts';
import { tenantParams, z } from './schemas.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const settingsSchema = z
  .object({
    daily: z.boolean(),
    weekly: z.boolean(),
    sendAt: hhmm.openapi({ description: "Local time in the business's time zone" }),
    weeklyDay: weekday,
    emails: z.array(z.email()).openapi({
      description: 'Who gets the email; empty: every escalation contact with an address',
    }),
    slack: z.boolean().openapi({ description: "Post to the escalation contacts' Slack webhooks" }),
  })
  .openapi('ReportSettings');

const patchSchema = z
  .strictObject({
    daily: z.boolean().optional(),
    weekly: z.boolean().optional(),
    sendAt: hhmm.optional(),
    weeklyDay: weekday.optional(),
    emails: z.array(z.email().max(254)).max(10).optional(),
    slack: z.boolean().optional(),
  })
  .openapi('ReportSettingsUpdate');

const days = z.number().int().min(1).max(3_650).nullable();
const retentionSchema = z
  .object({
    transcriptsDays: days.openapi({
      description: 'Transcripts older than this are deleted; null keeps them',
    }),
    summariesDays: days.openapi({
      description: 'Call summaries and analyses older than this are deleted',
    }),
    outboundTextsDays: days.openapi({ description: 'Texts sent longer ago than this are deleted' }),
  })
  .openapi('RetentionSettings');
const retentionPatchSchema = z
  .strictObject({
    transcriptsDays: days.optional(),
    summariesDays: days.optional(),
    outboundTextsDays: days.optional(),
  })
  .openapi('RetentionSettingsUpdate');

export const reportRoutes = [
  defineRoute({
    operationId: 'getRetentionSettings',
    method: 'get',
    path: '/tenants/{tenantId}/retention-settings',
    summary: 'How long transcripts, summaries and sent texts are kept',
    tag: 'retention',
    access: 'tenant',
    params: tenantParams,
    status: 200,
    response: retentionSchema,
    handler: async ({ db, params }) => {
      const tenant = orNotFound(await getTenant(db, params.tenantId), 'tenant');
      return retentionSettings(tenant.settings);
    },
  }),
  defineRoute({
    operationId: 'updateRetentionSettings',
    method: 'patch',
    path: '/tenants/{tenantId}/retention-settings',
    summary: 'Change how long data is kept; the daily sweep (a Temporal Schedule) follows',
    tag: 'retention',
    access: 'tenant',
    params: tenantParams,
    body: retentionPatchSchema,
    status: 200,
    response: retentionSchema,
    errors: [503],
    handler: async ({ db, params, body, deps, audit, profileChanged }) => {
      const tenant = orNotFound(await getTenant(db, params.tenantId), 'tenant');
      const before = retentionSettings(tenant.settings);
      const after = retentionSettingsSchema.parse({ ...before, ...body });
      await updateTenantBookingSettings(db, tenant.id, { settings: { retention: after } });
      profileChanged(tenant.id);
      const enabled = Object.values(after).some((v) => v !== null);
      const applied = deps.reportSchedules
        ? await deps.reportSchedules.applyRetention(tenant, enabled)
        : 'unavailable';
      if (applied === 'unavailable')
        throw new HttpError(
          503,
          'schedules_unavailable',
          'the retention schedule cannot be changed now',
        );
      await audit({
        action: 'retention_settings.update',
        resourceType: 'tenant',
        resourceId: tenant.id,
        before,
        after,
      });
      return after;
    },
  }),
  defineRoute({
    operationId: 'getReportSettings',
    method: 'get',
    path: '/tenants/{tenantId}/report-settings',
    summary: 'When and to whom the daily and weekly reports go',
    tag: 'reports',
    access: 'tenant',
    params: tenantParams,
    status: 200,
    response: settingsSchema,
    handler: async ({ db, params }) => {
      const tenant = orNotFound(await getTenant(db, params.tenantId), 'tenant');
      return reportSettings(tenant.settings);
    },
  }),
  defineRoute({
    operationId: 'updateReportSettings',
    method: 'patch',
    path: '/tenants/{tenantId}/report-settings',
    summary: "Change the reports' settings; their Temporal Schedules follow",
    tag: 'reports',
    access: 'tenant',
    params: tenantParams,
    body: patchSchema,
    status: 200,
    response: settingsSchema,
    errors: [503],
    handler: async ({ db, params, body, deps, audit, profileChanged }) => {
      const tenant = orNotFound(await getTenant(db, params.tenantId), 'tenant');
      const before = reportSettings(tenant.settings);
      const after = reportSettingsSchema.parse({ ...before, ...body });
      await updateTenantBookingSettings(db, tenant.id, { settings: { reports: after } });
      profileChanged(tenant.id);
      // In the same transaction: schedules that could not follow roll the settings back.
      const applied = deps.reportSchedules
        ? await deps.reportSchedules.apply(tenant, after)
        : 'unavailable';
      if (applied === 'unavailable')
        throw new HttpError(503, 'schedules_unavailable', 'report schedules cannot be changed now');
      await audit({
        action: 'report_settings.update',
        resourceType: 'tenant',
        resourceId: tenant.id,
        before,
        after,
      });
      return after;
    },
  }),
];
