import { getTenant, updateTenantBookingSettings } from '@receptionist/db';
import { reportSettings, reportSettingsSchema } from '@receptionist/domain';
import { HttpError } from '@receptionist/observability';
import { defineRoute, notFound } from './route-table.ts';
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

export const reportRoutes = [
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
      const tenant = await getTenant(db, params.tenantId);
      if (!tenant) throw notFound('tenant');
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
    handler: async ({ db, params, body, deps, audit }) => {
      const tenant = await getTenant(db, params.tenantId);
      if (!tenant) throw notFound('tenant');
      const before = reportSettings(tenant.settings);
      const after = reportSettingsSchema.parse({ ...before, ...body });
      await updateTenantBookingSettings(db, tenant.id, { settings: { reports: after } });
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
