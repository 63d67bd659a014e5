import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  CALL_ENDED_SIGNAL,
  CALL_EVENT_SIGNAL,
  CALL_WORKFLOW,
  SMS_INBOUND_SIGNAL,
  SMS_WORKFLOW,
  callWorkflowId,
  smsWorkflowId,
  type CallEndedSignal,
  type CallEvent,
  type CallWorkflowInput,
  type SmsInbound,
} from '@receptionist/domain';
import { waitlistReplySignal, type WaitlistReply } from '@receptionist/booking-client/messages';

/** The port through which the webhooks hand work to the call and SMS workflows. */
export interface ChannelWorkflows {
  startCall(input: CallWorkflowInput): Promise<void>;
  callEvent(callSid: string, event: CallEvent): Promise<void>;
  callEnded(callSid: string, ended: CallEndedSignal): Promise<void>;
  smsInbound(msg: SmsInbound): Promise<void>;
  /** A waitlisted caller's YES to the slot offered to them, to that slot's offer workflow. */
  waitlistReply?(workflowId: string, reply: WaitlistReply): Promise<void>;
}

/**
 * How long a webhook waits for Temporal. Without a deadline the client retries an unreachable
 * server for many seconds, past Twilio's webhook timeout, and the caller hears silence; with it a
 * signal fails in time and the webhook carries on without it (see emitCallEvent).
 */
const TEMPORAL_DEADLINE_MS = 2_500;

export function temporalChannelWorkflows(
  client: Client,
  taskQueue: string,
  deadlineMs = TEMPORAL_DEADLINE_MS,
): ChannelWorkflows {
  const bounded = <T>(fn: () => Promise<T>) => client.withDeadline(Date.now() + deadlineMs, fn);
  const calls: ChannelWorkflows = {
    async startCall(input) {
      try {
        await client.workflow.start(CALL_WORKFLOW, {
          taskQueue,
          workflowId: callWorkflowId(input.callSid),
          args: [input],
        });
      } catch (err) {
        // A replayed incoming-call webhook: the call's workflow already runs.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },
    async callEvent(callSid, event) {
      await client.workflow.getHandle(callWorkflowId(callSid)).signal(CALL_EVENT_SIGNAL, event);
    },
    async callEnded(callSid, ended) {
      await client.workflow.getHandle(callWorkflowId(callSid)).signal(CALL_ENDED_SIGNAL, ended);
    },
    async smsInbound(msg) {
      // One workflow per contact handles that contact's texts in arrival order.
      await client.workflow.signalWithStart(SMS_WORKFLOW, {
        taskQueue,
        workflowId: smsWorkflowId(msg.tenantId, msg.contactId),
        args: [{ tenantId: msg.tenantId, phone: msg.from }],
        signal: SMS_INBOUND_SIGNAL,
        signalArgs: [msg],
      });
    },
    async waitlistReply(workflowId, reply) {
      await client.workflow.getHandle(workflowId).signal(waitlistReplySignal, reply);
    },
  };
  return {
    startCall: (input) => bounded(() => calls.startCall(input)),
    callEvent: (callSid, event) => bounded(() => calls.callEvent(callSid, event)),
    callEnded: (callSid, ended) => bounded(() => calls.callEnded(callSid, ended)),
    smsInbound: (msg) => bounded(() => calls.smsInbound(msg)),
    waitlistReply: (workflowId, reply) => bounded(() => calls.waitlistReply!(workflowId, reply)),
  };
}
