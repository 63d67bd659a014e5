import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { reportScheduleId, retentionScheduleId } from '@receptionist/booking-client/messages';
import { removeSchedule, upsertSchedule } from '@receptionist/booking-client/schedules';
import type { ReportSettings } from '@receptionist/domain';
import type { BreakerFactory } from '@receptionist/integrations/breaker';

const DAYS = {
  mon: 'MONDAY',
  tue: 'TUESDAY',
  wed: 'WEDNESDAY',
  thu: 'THURSDAY',
  fri: 'FRIDAY',
  sat: 'SATURDAY',
  sun: 'SUNDAY',
} as const;

/** Keeps a business's report Schedules in step with its settings: created, moved or removed. */
export interface ReportSchedules {
  apply(
    tenant: { id: string; timezone: string },
    settings: ReportSettings,
  ): Promise<'applied' | 'unavailable'>;
  /** The daily retention sweep at 03:00 local while anything is kept for a limited time. */
  applyRetention(
    tenant: { id: string; timezone: string },
    enabled: boolean,
  ): Promise<'applied' | 'unavailable'>;
}

/**
 * Temporal Schedules `report-<tenantId>-daily` and `-weekly`, at `sendAt` in the business's own
 * time zone (the weekly one on `weeklyDay`), each starting `tenantReportWorkflow`. A missed
 * firing (the server down at 19:00) is caught up within the hour; two never overlap.
 */
export function createReportSchedules(deps: {
  client: Client;
  taskQueue: string;
  breakers: BreakerFactory;
  timeoutMs: number;
}): ReportSchedules {
  async function applyOne(
    tenant: { id: string; timezone: string },
    settings: ReportSettings,
    period: 'daily' | 'weekly',
  ) {
    const scheduleId = reportScheduleId(tenant.id, period);
    if (!settings[period]) {
      await removeSchedule(deps.client, scheduleId);
      return;
    }
    const [hour, minute] = settings.sendAt.split(':').map(Number) as [number, number];
    const spec = {
      calendars: [
        { hour, minute, ...(period === 'weekly' ? { dayOfWeek: DAYS[settings.weeklyDay] } : {}) },
      ],
      timezone: tenant.timezone,
    };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: 'tenantReportWorkflow',
      workflowId: scheduleId,
      taskQueue: deps.taskQueue,
      args: [{ tenantId: tenant.id, period }],
    };
    await upsertSchedule(deps.client, {
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  }
  const breaker = deps.breakers.create(
    'admin_report_schedules',
    async (tenant: { id: string; timezone: string }, settings: ReportSettings) => {
      await applyOne(tenant, settings, 'daily');
      await applyOne(tenant, settings, 'weekly');
      return 'applied' as const;
    },
    { timeoutMs: deps.timeoutMs, fallback: () => 'unavailable' as const },
  );
  const retention = deps.breakers.create(
    'admin_retention_schedule',
    async (tenant: { id: string; timezone: string }, enabled: boolean) => {
      const scheduleId = retentionScheduleId(tenant.id);
      if (!enabled) {
        await removeSchedule(deps.client, scheduleId);
        return 'applied' as const;
      }
      const spec = { calendars: [{ hour: 3, minute: 0 }], timezone: tenant.timezone };
      const action = {
        type: 'startWorkflow' as const,
        workflowType: 'retentionWorkflow',
        workflowId: scheduleId,
        taskQueue: deps.taskQueue,
        args: [{ tenantId: tenant.id }],
      };
      await upsertSchedule(deps.client, {
        scheduleId,
        spec,
        action,
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
      });
      return 'applied' as const;
    },
    { timeoutMs: deps.timeoutMs, fallback: () => 'unavailable' as const },
  );
  return {
    apply: (tenant, settings) => breaker.fire(tenant, settings),
    applyRetention: (tenant, enabled) => retention.fire(tenant, enabled),
  };
}
