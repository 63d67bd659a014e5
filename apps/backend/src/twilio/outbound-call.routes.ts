/**
 * Twilio's webhooks for the calls we place (outbound-call workflows, `outbound-call-<targetId>`).
 * Every URL was built by the worker with the tenant and the workflow id in its query, and Twilio
 * signs the whole URL, so neither can be forged. The answer hands a person to the agent (the
 * inbound call flow with the parties the other way round); the asynchronous answering-machine
 * result and the final status are signals to the workflow, which leaves the voicemail.
 */
import express from 'express';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import {
  amdResultSignal,
  dialStatusSignal,
  OUTBOUND_CALL_WORKFLOW_ID,
  type AmdResult,
  type DialStatus,
} from '@receptionist/booking-client/messages';
import { createCallIdempotent, findTenantByPhoneNumber, getCallBySid } from '@receptionist/db';
import { isEndedCallStatus } from '@receptionist/domain';
import type { TwilioDeps } from './deps.ts';
import { emptyVoiceResponse } from './twiml.ts';

/** The port through which these webhooks signal the outbound call workflows. */
export interface OutboundCallSignals {
  amd(workflowId: string, s: AmdResult): Promise<void>;
  status(workflowId: string, s: DialStatus): Promise<void>;
}

export function temporalOutboundCallSignals(client: Client): OutboundCallSignals {
  const send = async (workflowId: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      // The workflow finished (a late or repeated callback): nothing is waiting for it.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      void workflowId;
    }
  };
  return {
    amd: (id, s) => send(id, () => client.workflow.getHandle(id).signal(amdResultSignal, s)),
    status: (id, s) => send(id, () => client.workflow.getHandle(id).signal(dialStatusSignal, s)),
  };
}

const addressed = z.object({
  tenant: z.uuid(),
  wf: z.string().max(64).regex(OUTBOUND_CALL_WORKFLOW_ID),
});
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
const answerSchema = z.object({ CallSid: z.string().min(1).max(64), From: e164, To: e164 });
const amdSchema = z.object({
  CallSid: z.string().min(1).max(64),
  AnsweredBy: z.string().min(1).max(32),
});
const statusSchema = z.object({
  CallSid: z.string().min(1).max(64),
  CallStatus: z.string().min(1).max(32),
  CallDuration: z.coerce.number().int().nonnegative().optional(),
});

export function createOutboundCallRouter(
  deps: TwilioDeps & { outbound?: OutboundCallSignals },
): express.Router {
  const router = express.Router();

  router.post('/voice/outbound/answer', async (req, res, next) => {
    const q = addressed.parse(req.query);
    const body = answerSchema.parse(req.body);
    const tenant = await findTenantByPhoneNumber(deps.db, body.From);
    if (!tenant || tenant.id !== q.tenant) {
      res.type('text/xml').send(emptyVoiceResponse());
      return;
    }
    // Recorded as ours before the agent's call flow files it (that flow keeps an existing row).
    await createCallIdempotent(deps.db, tenant.id, {
      callSid: body.CallSid,
      fromNumber: body.To,
      toNumber: body.From,
      direction: 'outbound',
      status: 'in-progress',
    });
    // The agent's call flow sees the contact as the caller and our number as the one called.
    req.body = { ...req.body, From: body.To, To: body.From };
    req.url = '/voice';
    next();
  });

  router.post('/voice/outbound/amd', async (req, res) => {
    const q = addressed.parse(req.query);
    const body = amdSchema.parse(req.body);
    await deps.outbound?.amd(q.wf, {
      tenantId: q.tenant,
      callSid: body.CallSid,
      answeredBy: body.AnsweredBy,
    });
    res.type('text/xml').send(emptyVoiceResponse());
  });

  router.post('/voice/outbound/status', async (req, res) => {
    const q = addressed.parse(req.query);
    const body = statusSchema.parse(req.body);
    await deps.outbound?.status(q.wf, {
      tenantId: q.tenant,
      callSid: body.CallSid,
      status: body.CallStatus,
    });
    // A person who talked with the agent had a call of the agent's own: it ends here too.
    const call = await getCallBySid(deps.db, q.tenant, body.CallSid);
    if (call && isEndedCallStatus(body.CallStatus)) {
      await deps.workflows
        .callEnded(body.CallSid, {
          status: body.CallStatus,
          durationSeconds: body.CallDuration ?? null,
        })
        .catch((err: unknown) => deps.logger.warn({ err }, 'agent call not told of the end'));
    }
    res.type('text/xml').send(emptyVoiceResponse());
  });
  return router;
}
