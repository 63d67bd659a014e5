// The agent's production booking gateway wired to a worker test harness: its database, its
// Cal.com stand-in and its booking client on the real booking workflow.
import { Registry } from 'prom-client';
import { createWorkflowBookingGateway } from '@receptionist/agent/booking/workflow-gateway';
import type { Db } from '@receptionist/db';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createCalendars } from '@receptionist/integrations/calendar';
import { createLogger } from '@receptionist/observability';
import type { Harness } from '@receptionist/worker/test-harness';

export function harnessBookingGateway(h: Harness) {
  const logger = createLogger({ service: 'agent', level: 'silent' });
  const db = h.db.pool as unknown as Db;
  return createWorkflowBookingGateway({
    db,
    calendars: createCalendars({
      db,
      breakers: createBreakerFactory({ registry: new Registry(), logger }),
      calcomBaseUrl: h.calcom.url,
    }),
    bookingClient: h.bookings,
    waitMs: 10_000,
  });
}
