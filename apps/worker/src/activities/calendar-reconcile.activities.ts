/**
 * The calendar reconcile: our Cal.com bookings against Cal.com's own, for a window around today.
 * Read-only on both sides (a retry changes nothing); what differs is logged and reported as the
 * `calendar_reconcile_mismatches` metric, so a missed webhook shows instead of drifting silently.
 */
import { getTenant, listCalcomBookingRows, listCalcomTenantIds, type Db } from '@receptionist/db';
import type { CalendarMismatches } from '@receptionist/booking-client/messages';
import type { Calendars } from '@receptionist/integrations/calendar';
import type { Logger } from '@receptionist/observability';

export interface CalendarReconcileActivityDeps {
  db: Db;
  logger: Logger;
  calendars: Pick<Calendars, 'calcomBookings'>;
  /** Called with each business's result (the worker sets its gauge and counter). */
  onReconciled?: (m: CalendarMismatches) => void;
  now?: () => Date;
}

export function createCalendarReconcileActivities(deps: CalendarReconcileActivityDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async listCalcomTenants(): Promise<{ tenantIds: string[] }> {
      return { tenantIds: await listCalcomTenantIds(deps.db) };
    },

    async reconcileCalendar(i: {
      tenantId: string;
      windowDays: number;
    }): Promise<CalendarMismatches & { compared: number }> {
      const tenant = await getTenant(deps.db, i.tenantId);
      const empty = { missingAtCalcom: 0, missingHere: 0, timeMismatch: 0, statusMismatch: 0 };
      if (!tenant || tenant.calendarProvider !== 'calcom') return { ...empty, compared: 0 };
      const from = new Date(now().getTime() - 86_400_000);
      const to = new Date(now().getTime() + i.windowDays * 86_400_000);
      const [ours, theirs] = await Promise.all([
        listCalcomBookingRows(deps.db, i.tenantId, from, to),
        deps.calendars.calcomBookings(tenant, from, to),
      ]);
      const byUid = new Map(theirs.map((b) => [b.uid, b]));
      const known = new Set(ours.map((b) => b.externalId).filter(Boolean));
      const m = { ...empty };
      for (const b of ours) {
        const t = b.externalId ? byUid.get(b.externalId) : undefined;
        const live = !!t && t.status !== 'cancelled';
        if (b.status === 'confirmed' && !live) m.missingAtCalcom += 1;
        else if (b.status === 'cancelled' && live) m.statusMismatch += 1;
        else if (
          b.status === 'confirmed' &&
          t &&
          (Date.parse(t.start) !== b.startsAt.getTime() || Date.parse(t.end) !== b.endsAt.getTime())
        )
          m.timeMismatch += 1;
      }
      m.missingHere = theirs.filter((t) => t.status !== 'cancelled' && !known.has(t.uid)).length;
      deps.onReconciled?.(m);
      if (m.missingAtCalcom + m.missingHere + m.timeMismatch + m.statusMismatch > 0)
        deps.logger.warn({ tenantId: i.tenantId, ...m }, 'calendar out of step with Cal.com');
      return { ...m, compared: ours.length + theirs.length };
    },
  };
}

export type CalendarReconcileActivities = ReturnType<typeof createCalendarReconcileActivities>;
