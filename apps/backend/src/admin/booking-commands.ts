import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { BreakerFactory } from '@receptionist/integrations/breaker';

export type BookingCommandOutcome =
  | { ok: true; workflowId: string }
  /** not_running: the booking's workflow has finished or never existed; unavailable: Temporal is not answering. */
  | { ok: false; reason: 'not_running' | 'unavailable' };

/** What the admin API asks of a booking; the booking workflow owns the change itself. */
export interface BookingCommands {
  cancel(tenantId: string, bookingId: string, reason: string): Promise<BookingCommandOutcome>;
  reschedule(tenantId: string, bookingId: string, startsAt: Date): Promise<BookingCommandOutcome>;
}

export const bookingWorkflowId = (bookingId: string) => `booking-${bookingId}`;

/**
 * Signals the running booking workflow (`booking-<id>`): `cancel` with {tenantId, reason},
 * `reschedule` with {tenantId, startsAt}. The workflow refunds, releases the slot or moves it;
 * the API only records that the request was accepted.
 */
export function createTemporalBookingCommands(deps: {
  client: Pick<Client, 'workflow'>;
  breakers: BreakerFactory;
  timeoutMs: number;
}): BookingCommands {
  const signal = async (
    workflowId: string,
    name: 'cancel' | 'reschedule',
    arg: Record<string, unknown>,
  ): Promise<BookingCommandOutcome> => {
    try {
      await deps.client.workflow.getHandle(workflowId).signal(name, arg);
      return { ok: true, workflowId };
    } catch (err) {
      // Not a fault of Temporal: answered here so it never counts against the circuit.
      if (err instanceof WorkflowNotFoundError) return { ok: false, reason: 'not_running' };
      throw err;
    }
  };
  const breaker = deps.breakers.create('temporal_booking_signal', signal, {
    timeoutMs: deps.timeoutMs,
    fallback: (): BookingCommandOutcome => ({ ok: false, reason: 'unavailable' }),
  });
  return {
    cancel: (tenantId, bookingId, reason) =>
      breaker.fire(bookingWorkflowId(bookingId), 'cancel', { tenantId, reason }),
    reschedule: (tenantId, bookingId, startsAt) =>
      breaker.fire(bookingWorkflowId(bookingId), 'reschedule', {
        tenantId,
        startsAt: startsAt.toISOString(),
      }),
  };
}
