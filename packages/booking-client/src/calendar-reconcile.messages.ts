/** The calendar reconcile workflow's ids: one Temporal Schedule for every Cal.com business. */
export const CALENDAR_RECONCILE_WORKFLOW = 'calendarReconcileWorkflow';
export const CALENDAR_RECONCILE_SCHEDULE_ID = 'calendar-reconcile';
export const CALENDAR_RECONCILE_EVERY = '1 hour';

export interface CalendarReconcileInput {
  /** Days ahead (and one day back) compared; default 30. */
  windowDays?: number;
}

export interface CalendarMismatches {
  /** Ours confirmed, Cal.com has no live booking for it. */
  missingAtCalcom: number;
  /** Cal.com has a live booking of the event type we have no row for. */
  missingHere: number;
  /** Both live, different start or end. */
  timeMismatch: number;
  /** Ours cancelled while Cal.com's is still live. */
  statusMismatch: number;
}

export interface CalendarReconcileResult extends CalendarMismatches {
  tenants: number;
  compared: number;
}
