/**
 * The calendar port: how the agent and the booking workflow find and take appointment slots,
 * whatever calendar the business uses.
 *
 *   import { createCalendars, type CalendarProvider } from '@receptionist/integrations/calendar';
 *   const calendars = createCalendars({ db, breakers, calcomBaseUrl });
 *   const calendar = calendars.for(tenant);            // builtin or Cal.com, per tenant settings
 *   const slots = await calendar.findFreeSlots(tenant, { from, to, service: 'Cleaning' });
 *
 * Our `bookings` table is the single source of truth for "is this time taken" for both
 * providers: every hold is an INSERT that the exclusion constraint `bookings_no_overlap` admits
 * or rejects (SlotTakenError), so two callers can never get the same slot, however concurrent.
 * The Cal.com provider additionally reserves, creates, cancels and moves the booking at Cal.com.
 *
 * Every method is idempotent per bookingId, so a retried workflow activity is harmless.
 */
import type { BreakerFactory } from '../breaker.ts';
import type { Db } from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import type { CalendarProvider } from './calendar-port.ts';
import { createBuiltinCalendar } from './builtin-calendar.ts';
import {
  createCalcomCalendar,
  createCalcomHttp,
  listCalcomBookings,
  type CalcomBookingSummary,
} from './calcom-calendar.ts';

export * from './calendar-port.ts';
export type { CalcomBookingSummary } from './calcom-calendar.ts';
export { createBuiltinCalendar, slotRulesFor } from './builtin-calendar.ts';

export interface Calendars {
  for(tenant: Tenant): CalendarProvider;
  builtin: CalendarProvider;
  calcom: CalendarProvider;
  /** The Cal.com side of a Cal.com tenant's bookings in [from, to), for the reconcile. */
  calcomBookings(tenant: Tenant, from: Date, to: Date): Promise<CalcomBookingSummary[]>;
}

export function createCalendars(deps: {
  db: Db;
  breakers: BreakerFactory;
  calcomBaseUrl: string;
  /** Milliseconds one Cal.com call may take. */
  calcomTimeoutMs?: number;
  now?: () => Date;
}): Calendars {
  const http = createCalcomHttp({
    baseUrl: deps.calcomBaseUrl,
    breakers: deps.breakers,
    timeoutMs: deps.calcomTimeoutMs ?? 8_000,
  });
  const builtin = createBuiltinCalendar({ db: deps.db, now: deps.now });
  const calcom = createCalcomCalendar({ db: deps.db, http, builtin });
  return {
    builtin,
    calcom,
    for: (tenant) => (tenant.calendarProvider === 'calcom' ? calcom : builtin),
    calcomBookings: (tenant, from, to) => listCalcomBookings(deps.db, http, tenant, from, to),
  };
}
