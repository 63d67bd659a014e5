import {
  beginStaffNotification,
  finishStaffNotification,
  getTenant,
  tenantReportFigures,
  type Db,
} from '@receptionist/db';
import {
  addLocalDays,
  localDateOf,
  renderReport,
  reportSettings,
  zonedTimeToUtc,
  type ReportPeriod,
  type TenantReport,
} from '@receptionist/domain';
import type { Mailer } from '@receptionist/integrations/email';
import { maskEmail, type Logger } from '@receptionist/observability';
import type { StaffNotifier } from './staff-notifier.ts';

/**
 * The owner's daily and weekly report: the figures over the business's own local day (or the
 * seven days to today, with the seven before), then one email per address and one Slack post
 * per webhook, each recorded under the report's key so a retry sends only what did not go.
 */
export function createReportActivities(deps: {
  db: Db;
  logger: Logger;
  mailer: Mailer;
  staff: StaffNotifier;
}) {
  const { db } = deps;
  return {
    async buildTenantReport(r: {
      tenantId: string;
      period: ReportPeriod;
      /** ISO time the report is made at (the schedule's firing). */
      at: string;
    }): Promise<{ report: TenantReport; key: string } | null> {
      const tenant = await getTenant(db, r.tenantId);
      if (!tenant) return null;
      if (!reportSettings(tenant.settings)[r.period]) return null;
      const at = new Date(r.at);
      const tz = tenant.timezone;
      const toDate = localDateOf(at, tz);
      const fromDate = r.period === 'daily' ? toDate : addLocalDays(toDate, -6);
      const from = zonedTimeToUtc(fromDate, '00:00', tz);
      const figures = await tenantReportFigures(db, tenant.id, from, at);
      const previous =
        r.period === 'weekly'
          ? await tenantReportFigures(
              db,
              tenant.id,
              zonedTimeToUtc(addLocalDays(fromDate, -7), '00:00', tz),
              from,
            )
          : null;
      return {
        key: `report:${tenant.id}:${r.period}:${toDate}`,
        report: {
          tenantName: tenant.name,
          period: r.period,
          fromDate,
          toDate,
          currency: tenant.currency,
          figures,
          previous,
        },
      };
    },

    async sendTenantReport(r: {
      tenantId: string;
      key: string;
      report: TenantReport;
    }): Promise<{ emailed: number; posted: number }> {
      const tenant = await getTenant(db, r.tenantId);
      if (!tenant) return { emailed: 0, posted: 0 };
      const settings = reportSettings(tenant.settings);
      const rendered = renderReport(r.report);
      const to = new Map<string, string>();
      const addresses = settings.emails.length
        ? settings.emails
        : tenant.escalationContacts.flatMap((c) => (c.email ? [c.email] : []));
      for (const a of addresses) if (!to.has(a.toLowerCase())) to.set(a.toLowerCase(), a);
      let emailed = 0;
      for (const address of deps.mailer.configured ? to.values() : []) {
        const key = `${r.key}:email:${address.toLowerCase()}`;
        const record = await beginStaffNotification(db, tenant.id, {
          key,
          channel: 'email',
          target: address,
        });
        if (record.status === 'sent') {
          emailed += 1;
          continue;
        }
        const sent = await deps.mailer.send({
          to: address,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          idempotencyKey: key,
        });
        await finishStaffNotification(
          db,
          tenant.id,
          record.id,
          sent.status === 'sent' ? { sent: true } : { sent: false, error: 'email not delivered' },
        );
        if (sent.status === 'sent') emailed += 1;
        else
          deps.logger.warn({ tenantId: tenant.id, to: maskEmail(address) }, 'report not emailed');
      }
      const posted = settings.slack ? await deps.staff.post(tenant.id, r.key, rendered.slack) : 0;
      return { emailed, posted };
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
