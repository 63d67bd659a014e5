import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import {
  contactConversationKey,
  conversationRowId,
  createCallIdempotent,
  findTenantByPhoneNumber,
  getTenant,
  upsertContactByPhone,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import { maskPhone } from '@receptionist/observability';
import {
  initCallContext,
  loadCallContext,
  saveCallContext,
  type CallContext,
} from './call-context.ts';
import type { TwilioDeps } from './deps.ts';
import { emitCallEvent, runVoiceTurn, storeUnansweredTurn } from './turn.service.ts';
import * as twiml from './twiml.ts';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
const incomingSchema = z.object({ CallSid: z.string().min(1).max(64), From: e164, To: e164 });
const turnSchema = z.object({
  CallSid: z.string().min(1).max(64),
  SpeechResult: z.string().max(4_000).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional(),
  Digits: z
    .string()
    .regex(/^[0-9*#]{0,32}$/)
    .optional(),
});

export const VOICE_TEXT = {
  unknownNumber:
    'Sorry, the number you have called is not connected to a service we run. Please check the number and try again. Goodbye.',
  reprompt: "Sorry, I didn't catch that. Could you say it again?",
  noSpeechGoodbye:
    "I'm having trouble hearing you, so I'll send you a text message and you can reply whenever suits you. Goodbye.",
  holding: 'One moment please.',
  agentDownGoodbye:
    "I'm sorry, I'm having trouble with our system right now. I'll send you a text so we can follow up. Goodbye.",
  agentDownTransfer: "I'm sorry, I'm having trouble right now. Let me connect you with the team.",
  lostContext: "I'm sorry, something went wrong on our side. Please call us again. Goodbye.",
  noAnswerTakeMessage:
    "I'm sorry, nobody could pick up right now. Please tell me your message, and I'll make sure they get it.",
  messageThanks:
    "Thank you, I've passed your message on. Someone will get back to you soon. Goodbye.",
  noMessage: "I didn't hear a message. I'll send you a text so you can reach us. Goodbye.",
  transferConnected: 'Goodbye.',
} as const;

const TENANT_CACHE_MS = 10_000;
/** Reprompts allowed before the call offers a text and ends. */
const MAX_REPROMPTS = 2;
/** Times a slow or absent agent is retried through a Redirect before the call falls back. */
const MAX_AGENT_ATTEMPTS = 2;

export function createVoiceRouter(deps: TwilioDeps): express.Router {
  const router = express.Router();
  const base = deps.config.PUBLIC_BASE_URL;
  const urls = {
    turn: `${base}/twilio/voice/turn`,
    dialStatus: `${base}/twilio/voice/dial-status`,
    message: `${base}/twilio/voice/message`,
    whisper: (parent: string) =>
      `${base}/twilio/voice/whisper?parent=${encodeURIComponent(parent)}`,
    relay: `${base.replace(/^http/, 'ws')}/twilio/relay`,
    relayEnded: `${base}/twilio/voice/relay-ended`,
  };
  const sendXml = (res: Response, xml: string) => res.type('text/xml').send(xml);
  // Twilio reads any 5xx as "an application error has occurred" spoken to the caller: never that.
  const safe =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response, next: (err?: unknown) => void) => {
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof z.ZodError) return next(err);
        deps.logger.error({ err, path: req.path }, 'voice webhook failed; answering gracefully');
        if (!res.headersSent)
          sendXml(
            res,
            twiml.sayAndHangup(
              { voice: 'Polly.Joanna-Neural', language: 'en-US', hints: '' },
              VOICE_TEXT.lostContext,
            ),
          );
      }
    };

  const transferTwiml = (tenant: Tenant, ctx: CallContext, text: string, to: string) =>
    twiml.transfer(twiml.voiceStyle(tenant), {
      text,
      to,
      callerId: ctx.businessPhone,
      whisperUrl: urls.whisper(ctx.callSid),
      dialActionUrl: urls.dialStatus,
      timeoutSeconds: deps.config.TRANSFER_RING_TIMEOUT_S,
    });

  // Every turn needs the tenant's profile and it changes rarely: a few seconds of cache spare
  // Postgres a query per turn; admin edits are live within TENANT_CACHE_MS.
  const tenants = new Map<string, { tenant: Tenant; at: number }>();
  async function tenantById(id: string): Promise<Tenant | null> {
    const hit = tenants.get(id);
    if (hit && performance.now() - hit.at < TENANT_CACHE_MS) return hit.tenant;
    const tenant = await getTenant(deps.db, id);
    if (tenant) {
      if (tenants.size > 1_000) tenants.clear();
      tenants.set(id, { tenant, at: performance.now() });
    }
    return tenant;
  }

  async function callState(callSid: string): Promise<{ tenant: Tenant; ctx: CallContext } | null> {
    const ctx = await loadCallContext(deps.redis, callSid);
    if (!ctx) return null;
    const tenant = await tenantById(ctx.tenantId);
    return tenant ? { tenant, ctx } : null;
  }

  router.post(
    '/voice',
    safe(async (req, res) => {
      const body = incomingSchema.parse(req.body);
      const tenant = await findTenantByPhoneNumber(deps.db, body.To);
      if (!tenant) {
        deps.logger.warn({ to: maskPhone(body.To) }, 'call to a number no business owns');
        sendXml(
          res,
          twiml.sayAndHangup(
            { voice: 'Polly.Joanna-Neural', language: 'en-US', hints: '' },
            VOICE_TEXT.unknownNumber,
          ),
        );
        return;
      }
      const contact = await upsertContactByPhone(deps.db, tenant.id, body.From);
      const { call, created } = await createCallIdempotent(deps.db, tenant.id, {
        callSid: body.CallSid,
        fromNumber: body.From,
        toNumber: body.To,
        contactId: contact.id,
      });
      const conversationKey = contactConversationKey(contact.id);
      const ctx = await initCallContext(deps.redis, {
        tenantId: tenant.id,
        callId: call.id,
        callSid: body.CallSid,
        contactId: contact.id,
        conversationKey,
        conversationId: conversationRowId(tenant.id, conversationKey),
        callerPhone: body.From,
        businessPhone: body.To,
        noSpeech: 0,
        spoke: false,
        smsSeq: 0,
      });
      try {
        await deps.workflows.startCall({
          tenantId: tenant.id,
          callSid: ctx.callSid,
          callId: ctx.callId,
          contactId: ctx.contactId,
          conversationId: ctx.conversationId,
          callerPhone: ctx.callerPhone,
          businessPhone: ctx.businessPhone,
        });
      } catch (err) {
        // The caller is still answered; only the post-call follow-ups are at risk, and logged.
        deps.logger.error({ err }, 'call workflow not started');
      }
      deps.logger.info(
        { callId: call.id, tenantId: tenant.id, replay: !created, mode: tenant.voiceMode },
        'incoming call',
      );
      const style = twiml.voiceStyle(tenant);
      if (tenant.voiceMode === 'relay') {
        sendXml(
          res,
          twiml.conversationRelay(style, {
            url: urls.relay,
            greeting: tenant.greeting,
            ttsProvider: deps.config.RELAY_TTS_PROVIDER,
            actionUrl: urls.relayEnded,
          }),
        );
        return;
      }
      sendXml(res, twiml.sayAndGather(style, urls.turn, tenant.greeting));
    }),
  );

  router.post(
    '/voice/turn',
    safe(async (req, res) => {
      const body = turnSchema.parse(req.body);
      const state = await callState(body.CallSid);
      if (!state) {
        sendXml(
          res,
          twiml.sayAndHangup(
            { voice: 'Polly.Joanna-Neural', language: 'en-US', hints: '' },
            VOICE_TEXT.lostContext,
          ),
        );
        return;
      }
      const { tenant, ctx } = state;
      const style = twiml.voiceStyle(tenant);
      const speech = body.SpeechResult?.trim() ?? '';
      const digits = body.Digits || undefined;

      let input: { text: string; digits?: string; turnId: string };
      if (speech || digits) {
        ctx.noSpeech = 0;
        ctx.pending = undefined;
        ctx.turnSeq = (ctx.turnSeq ?? 0) + 1;
        input = {
          text: speech,
          ...(digits ? { digits } : {}),
          turnId: `${ctx.callSid}:turn:${ctx.turnSeq}`,
        };
      } else if (ctx.pending) {
        // The Redirect after a holding phrase: the same turn, so the agent answers it once.
        input = {
          text: ctx.pending.text,
          ...(ctx.pending.digits ? { digits: ctx.pending.digits } : {}),
          turnId: ctx.pending.turnId,
        };
      } else {
        ctx.noSpeech += 1;
        await saveCallContext(deps.redis, ctx);
        if (ctx.noSpeech <= MAX_REPROMPTS) {
          sendXml(res, twiml.sayAndGather(style, urls.turn, VOICE_TEXT.reprompt));
        } else {
          await emitCallEvent(deps, ctx.callSid, { type: 'sms_requested' });
          sendXml(res, twiml.sayAndHangup(style, VOICE_TEXT.noSpeechGoodbye));
        }
        return;
      }

      const outcome = await runVoiceTurn(deps, tenant, ctx, input);
      if (!outcome.response) {
        const attempts = (ctx.pending?.attempts ?? 0) + 1;
        ctx.pending = { ...input, attempts };
        await saveCallContext(deps.redis, ctx);
        deps.logger.warn({ callId: ctx.callId, attempts }, 'agent did not answer in time');
        if (attempts < MAX_AGENT_ATTEMPTS) {
          sendXml(res, twiml.holdAndRedirect(style, urls.turn, VOICE_TEXT.holding));
          return;
        }
        // The agent could not answer: the channel keeps the caller's words and what they heard.
        const spoken = tenant.escalationPhone
          ? VOICE_TEXT.agentDownTransfer
          : VOICE_TEXT.agentDownGoodbye;
        await storeUnansweredTurn(
          deps,
          ctx,
          input.text || (input.digits ? `[pressed ${input.digits}]` : ''),
          spoken,
          input.turnId,
        );
        if (tenant.escalationPhone) {
          ctx.pending = undefined;
          ctx.transferSummary = `The caller said: "${input.text}". Our assistant could not answer.`;
          await saveCallContext(deps.redis, ctx);
          await emitCallEvent(deps, ctx.callSid, {
            type: 'transfer',
            to: tenant.escalationPhone,
            summary: ctx.transferSummary,
            recorded: false,
          });
          sendXml(res, transferTwiml(tenant, ctx, spoken, tenant.escalationPhone));
        } else {
          ctx.pending = undefined;
          await saveCallContext(deps.redis, ctx);
          await emitCallEvent(deps, ctx.callSid, { type: 'sms_requested' });
          sendXml(res, twiml.sayAndHangup(style, spoken));
        }
        return;
      }
      ctx.pending = undefined;
      await saveCallContext(deps.redis, ctx);
      const reply = outcome.response.reply;
      if (outcome.next.kind === 'transfer') {
        sendXml(res, transferTwiml(tenant, ctx, reply, outcome.next.to));
      } else if (outcome.next.kind === 'end') {
        sendXml(res, twiml.sayAndHangup(style, reply));
      } else {
        sendXml(res, twiml.sayAndGather(style, urls.turn, reply));
      }
    }),
  );

  // What the staff member hears before being connected: who is calling and why.
  router.post(
    '/voice/whisper',
    safe(async (req, res) => {
      const parent = z.string().min(1).max(64).parse(req.query.parent);
      const state = await callState(parent);
      if (!state) {
        sendXml(res, twiml.emptyVoiceResponse());
        return;
      }
      const { tenant, ctx } = state;
      const digits = ctx.callerPhone.slice(-4).split('').join(' ');
      const summary = ctx.transferSummary ?? 'They asked to speak with someone.';
      sendXml(
        res,
        twiml.sayOnly(
          twiml.voiceStyle(tenant),
          `Call from ${tenant.name}'s line, a caller with a number ending ${digits}. ${summary} Connecting you now.`,
        ),
      );
    }),
  );

  router.post(
    '/voice/dial-status',
    safe(async (req, res) => {
      const body = z
        .object({ CallSid: z.string().min(1), DialCallStatus: z.string().optional() })
        .parse(req.body);
      const state = await callState(body.CallSid);
      if (!state) {
        sendXml(res, twiml.emptyVoiceResponse());
        return;
      }
      const { tenant, ctx } = state;
      const style = twiml.voiceStyle(tenant);
      if (body.DialCallStatus === 'completed' || body.DialCallStatus === 'answered') {
        sendXml(res, twiml.sayAndHangup(style, VOICE_TEXT.transferConnected));
        return;
      }
      await emitCallEvent(deps, ctx.callSid, { type: 'transfer_unanswered' });
      sendXml(res, twiml.sayAndGather(style, urls.message, VOICE_TEXT.noAnswerTakeMessage));
    }),
  );

  router.post(
    '/voice/message',
    safe(async (req, res) => {
      const body = turnSchema.parse(req.body);
      const state = await callState(body.CallSid);
      if (!state) {
        sendXml(res, twiml.emptyVoiceResponse());
        return;
      }
      const { tenant, ctx } = state;
      const style = twiml.voiceStyle(tenant);
      const speech = body.SpeechResult?.trim() ?? '';
      if (!speech) {
        await emitCallEvent(deps, ctx.callSid, { type: 'sms_requested' });
        sendXml(res, twiml.sayAndHangup(style, VOICE_TEXT.noMessage));
        return;
      }
      await storeUnansweredTurn(deps, ctx, speech);
      await emitCallEvent(deps, ctx.callSid, {
        type: 'message_taken',
        summary: speech,
        recorded: false,
      });
      sendXml(res, twiml.sayAndHangup(style, VOICE_TEXT.messageThanks));
    }),
  );

  // The ConversationRelay session ended: the agent asked for a transfer or said goodbye.
  router.post(
    '/voice/relay-ended',
    safe(async (req, res) => {
      const body = z
        .object({ CallSid: z.string().min(1), HandoffData: z.string().max(8_000).optional() })
        .parse(req.body);
      const state = await callState(body.CallSid);
      if (!state) {
        sendXml(res, twiml.emptyVoiceResponse());
        return;
      }
      const { tenant, ctx } = state;
      let handoff: { reason?: string; to?: string } = {};
      try {
        handoff = JSON.parse(body.HandoffData ?? '{}') as typeof handoff;
      } catch {
        handoff = {};
      }
      const to = tenant.escalationPhone ?? handoff.to;
      if (handoff.reason === 'transfer' && to) {
        sendXml(res, transferTwiml(tenant, ctx, '', to));
        return;
      }
      sendXml(res, twiml.hangup());
    }),
  );

  return router;
}
