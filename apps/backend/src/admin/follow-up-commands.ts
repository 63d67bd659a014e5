import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  escalationFollowUpWorkflowId,
  escalationResolvedSignal,
  leadFollowUpWorkflowId,
  leadTakenOverSignal,
} from '@receptionist/booking-client/messages';
import type { BreakerFactory } from '@receptionist/integrations/breaker';

/** signalled: the follow-up heard it; not_running: none runs; unavailable: Temporal is down. */
export type FollowUpSignalOutcome = 'signalled' | 'not_running' | 'unavailable';

/** What staff tell the follow-up workflows from the admin API. */
export interface FollowUpCommands {
  escalationResolved(
    tenantId: string,
    escalationId: string,
    by: string,
  ): Promise<FollowUpSignalOutcome>;
  leadTakenOver(tenantId: string, contactId: string, by: string): Promise<FollowUpSignalOutcome>;
}

/**
 * Signals to `escalation-follow-up-<id>` and `lead-follow-up-<tenant>-<contact>`, each through a
 * breaker so a Temporal outage costs the request only the breaker's timeout. The workflows check
 * the tenant named in the signal, and before each text the database, so a lost signal delays the
 * stop by one step at most.
 */
export function createFollowUpCommands(deps: {
  client: Client;
  breakers: BreakerFactory;
  timeoutMs: number;
}): FollowUpCommands {
  const send = async (workflowId: string, signal: () => Promise<void>) => {
    try {
      await signal();
      return 'signalled' as const;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'not_running' as const;
      throw err;
    }
  };
  const breaker = deps.breakers.create('admin_follow_up_command', send, {
    timeoutMs: deps.timeoutMs,
    fallback: (): FollowUpSignalOutcome => 'unavailable',
  });
  return {
    escalationResolved: (tenantId, escalationId, by) => {
      const id = escalationFollowUpWorkflowId(escalationId);
      return breaker.fire(id, () =>
        deps.client.workflow.getHandle(id).signal(escalationResolvedSignal, { tenantId, by }),
      );
    },
    leadTakenOver: (tenantId, contactId, by) => {
      const id = leadFollowUpWorkflowId(tenantId, contactId);
      return breaker.fire(id, () =>
        deps.client.workflow.getHandle(id).signal(leadTakenOverSignal, { tenantId, by }),
      );
    },
  };
}
