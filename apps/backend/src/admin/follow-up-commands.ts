import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import {
  contactErasureWorkflowId,
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
  /** Starts the contact's erasure; one already running is joined. Null: Temporal is down. */
  eraseContact(tenantId: string, contactId: string, by: string): Promise<string | null>;
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
  /** The worker's task queue, for the workflows started from here. */
  taskQueue: string;
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
  const erase = deps.breakers.create(
    'admin_contact_erasure',
    async (tenantId: string, contactId: string, requestedBy: string) => {
      const workflowId = contactErasureWorkflowId(tenantId, contactId);
      await deps.client.workflow
        .start('contactErasureWorkflow', {
          taskQueue: deps.taskQueue,
          workflowId,
          args: [{ tenantId, contactId, requestedBy }],
        })
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        });
      return workflowId as string | null;
    },
    { timeoutMs: deps.timeoutMs, fallback: () => null },
  );
  return {
    eraseContact: (tenantId, contactId, by) => erase.fire(tenantId, contactId, by),
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
