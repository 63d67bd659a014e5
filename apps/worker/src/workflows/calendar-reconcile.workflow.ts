import { proxyActivities } from '@temporalio/workflow';
import type {
  CalendarReconcileInput,
  CalendarReconcileResult,
} from '@receptionist/booking-client/messages';
import type { CalendarReconcileActivities } from '../activities/calendar-reconcile.activities.ts';

// Read-only calls: retry freely; a Cal.com outage fails this run, the next hour tries again.
const acts = proxyActivities<CalendarReconcileActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

/** Compares every Cal.com business's bookings with Cal.com's (Schedule `calendar-reconcile`). */
export async function calendarReconcileWorkflow(
  input: CalendarReconcileInput = {},
): Promise<CalendarReconcileResult> {
  const total: CalendarReconcileResult = {
    tenants: 0,
    compared: 0,
    missingAtCalcom: 0,
    missingHere: 0,
    timeMismatch: 0,
    statusMismatch: 0,
  };
  const { tenantIds } = await acts.listCalcomTenants();
  for (const tenantId of tenantIds) {
    try {
      const r = await acts.reconcileCalendar({ tenantId, windowDays: input.windowDays ?? 30 });
      total.tenants += 1;
      for (const k of Object.keys(r) as (keyof typeof r)[]) total[k] += r[k];
    } catch {
      // One business's Cal.com refusing (a revoked key) does not hide the others' results.
    }
  }
  return total;
}
