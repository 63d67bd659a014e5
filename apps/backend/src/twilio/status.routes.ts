import express from 'express';
import { z } from 'zod';
import {
  findTenantByPhoneNumber,
  getCallBySid,
  markWebhookEvent,
  claimWebhookEvent,
  updateCallStatus,
} from '@receptionist/db';
import { isEndedCallStatus } from '@receptionist/domain';
import { loadCallContext } from './call-context.ts';
import type { TwilioDeps } from './deps.ts';
import { emptyVoiceResponse } from './twiml.ts';

const statusSchema = z.object({
  CallSid: z.string().min(1).max(64),
  CallStatus: z.string().min(1).max(32),
  CallDuration: z.coerce.number().int().nonnegative().optional(),
  To: z.string().max(32).optional(),
  Called: z.string().max(32).optional(),
});

/** Call status callbacks: status and duration on the call; completion hands over to the workflow. */
export function createStatusRouter(deps: TwilioDeps): express.Router {
  const router = express.Router();
  router.post('/voice/status', async (req, res) => {
    const body = statusSchema.parse(req.body);
    const eventId = `${body.CallSid}:${body.CallStatus}`;
    const to = body.To ?? body.Called ?? '';
    const tenant = to ? await findTenantByPhoneNumber(deps.db, to) : null;
    const call = tenant ? await getCallBySid(deps.db, tenant.id, body.CallSid) : null;
    // Claimed, not only recorded: a status whose handling failed is handled again on retry.
    const recorded = await claimWebhookEvent(deps.db, {
      provider: 'twilio',
      eventId,
      eventType: `call.${body.CallStatus}`,
      tenantId: tenant?.id ?? null,
      payload: {
        CallSid: body.CallSid,
        CallStatus: body.CallStatus,
        CallDuration: body.CallDuration,
      },
    });
    if (!recorded.claimed || !tenant || !call) {
      if (recorded.claimed) await markWebhookEvent(deps.db, 'twilio', eventId, 'ignored');
      res.type('text/xml').send(emptyVoiceResponse());
      return;
    }
    await updateCallStatus(deps.db, tenant.id, body.CallSid, {
      status: body.CallStatus,
      durationSeconds: body.CallDuration ?? null,
    });
    if (isEndedCallStatus(body.CallStatus)) {
      try {
        // The language the call ended in, kept with the call: the texts after it are written in
        // it. Without Redis the call still ends; its texts take the contact's language.
        const ctx = await loadCallContext(deps.redis, body.CallSid).catch(() => null);
        const language = ctx?.language;
        await deps.workflows.callEnded(body.CallSid, {
          status: body.CallStatus,
          durationSeconds: body.CallDuration ?? null,
          ...(language ? { language } : {}),
          ...(ctx ? { callerSpoke: ctx.spoke === true } : {}),
        });
      } catch (err) {
        // The end is in the call's row already (above), and the call's workflow reads the row
        // when it hears nothing for a while: Twilio gets its 200, not an error it would not
        // retry anyway. The event stays "failed" for the record and for a replay.
        deps.logger.warn(
          { err, callSid: body.CallSid },
          'call end not signalled; the workflow reads it from the call',
        );
        await markWebhookEvent(deps.db, 'twilio', eventId, 'failed', { error: String(err) });
        res.type('text/xml').send(emptyVoiceResponse());
        return;
      }
    }
    await markWebhookEvent(deps.db, 'twilio', eventId, 'processed');
    res.type('text/xml').send(emptyVoiceResponse());
  });
  return router;
}
