/**
 * The one Temporal Schedule of the calendar reconcile (`calendar-reconcile`, hourly, overlap
 * skipped): the worker ensures it at start, so every deployment has it exactly once.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import {
  CALENDAR_RECONCILE_EVERY,
  CALENDAR_RECONCILE_SCHEDULE_ID,
  CALENDAR_RECONCILE_WORKFLOW,
} from './calendar-reconcile.messages.ts';
import { createScheduleIfAbsent } from './schedules.ts';

export async function ensureCalendarReconcileSchedule(
  client: Client,
  taskQueue: string,
  scheduleId: string = CALENDAR_RECONCILE_SCHEDULE_ID,
): Promise<void> {
  await createScheduleIfAbsent(client, {
    scheduleId,
    spec: { intervals: [{ every: CALENDAR_RECONCILE_EVERY }] },
    action: {
      type: 'startWorkflow',
      workflowType: CALENDAR_RECONCILE_WORKFLOW,
      workflowId: scheduleId,
      taskQueue,
      args: [{}],
      workflowExecutionTimeout: '30 minutes',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
  });
}
