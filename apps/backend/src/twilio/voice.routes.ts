import express from 'express';
import { z } from 'zod';
import {
  callConversationKey,
  contactConversationKey,
  conversationRowId,
  createCallIdempotent,
  findTenantByPhoneNumber,
  upsertContactByPhone,
} from '@receptionist/db';
import { matchTenantLanguage } from '@receptionist/domain';
import { maskPhone } from '@receptionist/observability';
import { initCallContext, saveCallContext } from './call-context.ts';
import { callerNumber, fromField, WITHHELD_CALLER } from './caller-id.ts';
import { boundTurnText, claimTransfer } from './channel-limits.ts';
import { limitTexts } from './limit-texts.ts';
import { overBudgetTwiml } from './limit-twiml.ts';
import { relayQuery } from './relay-token.ts';
import type { TwilioDeps } from './deps.ts';
import { emitCallEvent, emitVoiceTransfer, reportTurn, runVoiceTurn } from './turn.service.ts';
import { createTransferRouter } from './transfer.routes.ts';
import * as twiml from './twiml.ts';
import { createVoiceKit, FALLBACK_STYLE, VOICE_TEXT } from './voice.kit.ts';
import { greetingFor, voiceFor, voiceTexts } from './voice-language.ts';

export { VOICE_TEXT } from './voice.kit.ts';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
const incomingSchema = z.object({
  CallSid: z.string().min(1).max(64),
  // Any caller ID is answered: "anonymous", short codes or none get the greeting too.
  From: fromField,
  To: e164,
  // STIR/SHAKEN result of the caller ID; only full attestation proves the caller owns the number.
  StirVerstat: z.string().max(64).optional(),
});

/** A caller ID that passed STIR/SHAKEN with full attestation (A): the caller owns the number. */
export const stirVerified = (verstat: string | undefined) => verstat === 'TN-Validation-Passed-A';
const turnSchema = z.object({
  CallSid: z.string().min(1).max(64),
  // Longer speech is cut to what a turn carries, not refused: a 4xx makes Twilio say an error.
  SpeechResult: z.string().max(65_536).transform(boundTurnText).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional(),
  Digits: z
    .string()
    .regex(/^[0-9*#]{0,32}$/)
    .optional(),
});

/** Reprompts allowed before the call offers a text and ends. */
const MAX_REPROMPTS = 2;
/**
 * A caller is held (the holding phrase, a pause, a Redirect, again) while the agent service does
 * not answer a turn, for AGENT_HOLD_MS: long enough for it to restart after a crash or for its
 * dependencies to come back, so the call carries on where it was instead of ending. Past it (or
 * after MAX_AGENT_ATTEMPTS) the call falls back to a person or a goodbye with a text.
 */
const MAX_AGENT_ATTEMPTS = 10;
/** Times an incoming call whose setup failed is asked again (2 s apart) before the apology. */
const MAX_SETUP_ATTEMPTS = 4;
/** Seconds of silence after each holding phrase: longer as the wait goes on. */
const holdPause = (attempts: number) => Math.min(attempts, 3);

/** The caller's side of a call: the incoming call and the Gather turn loop. */
export function createVoiceRouter(deps: TwilioDeps): express.Router {
  const router = express.Router();
  const kit = createVoiceKit(deps);
  const { urls, sendXml, safe, transferTwiml, callRoute } = kit;

  // The incoming call could not be set up (Postgres restarting): the caller hears the holding
  // phrase and Twilio asks again, a few times, instead of an apology and a hang-up.
  const retryIncoming = (req: express.Request) => {
    const attempt = Number(req.query.attempt ?? 0);
    if (!Number.isInteger(attempt) || attempt >= MAX_SETUP_ATTEMPTS) return null;
    return twiml.holdAndRedirect(
      FALLBACK_STYLE,
      `${urls.incoming}?attempt=${attempt + 1}`,
      VOICE_TEXT.holding,
      2,
    );
  };

  router.post(
    '/voice',
    safe(async (req, res) => {
      const body = incomingSchema.parse(req.body);
      const tenant = await findTenantByPhoneNumber(deps.db, body.To);
      if (!tenant) {
        deps.logger.warn({ to: maskPhone(body.To) }, 'call to a number no business owns');
        sendXml(res, twiml.sayAndHangup(FALLBACK_STYLE, VOICE_TEXT.unknownNumber));
        return;
      }
      // A withheld caller ID is filed under Twilio's "anonymous" number and is never verified,
      // so every such call gets a fresh conversation and nothing of another anonymous caller's.
      const callerPhone = callerNumber(body.From);
      const from = callerPhone ?? WITHHELD_CALLER;
      const contact = await upsertContactByPhone(deps.db, tenant.id, from);
      const { call, created } = await createCallIdempotent(deps.db, tenant.id, {
        callSid: body.CallSid,
        fromNumber: from,
        toNumber: body.To,
        contactId: contact.id,
      });
      // A verified caller continues their conversation (texts and earlier calls); anyone else gets
      // a fresh one for this call, so a spoofed number recalls nothing of the real owner's.
      const callerVerified = callerPhone !== null && stirVerified(body.StirVerstat);
      const conversationKey = callerVerified
        ? contactConversationKey(contact.id)
        : callConversationKey(contact.id, body.CallSid);
      // A caller who booked in French before is greeted and heard in French from the start.
      const known = callerPhone
        ? matchTenantLanguage(tenant.languages, contact.language)
        : undefined;
      const ctx = await initCallContext(deps.redis, {
        tenantId: tenant.id,
        callId: call.id,
        callSid: body.CallSid,
        contactId: contact.id,
        conversationKey,
        conversationId: conversationRowId(tenant.id, conversationKey),
        callerPhone: from,
        businessPhone: body.To,
        noSpeech: 0,
        spoke: false,
        smsSeq: 0,
        callerVerified,
        ...(known ? { language: known } : {}),
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
      const style = twiml.voiceStyle(tenant, ctx.language);
      const greeting = greetingFor(tenant, style.language);
      if (tenant.voiceMode === 'relay') {
        sendXml(
          res,
          twiml.conversationRelay(style, {
            // Bound to this call: the socket opened from it may only set up this CallSid.
            url: `${urls.relay}?${relayQuery(deps.config, ctx.callSid, deps.config.RELAY_TOKEN_TTL_S)}`,
            greeting,
            ttsProvider: deps.config.RELAY_TTS_PROVIDER,
            actionUrl: urls.relayEnded,
            languages: tenant.languages.map((code) => ({ code, voice: voiceFor(tenant, code) })),
          }),
        );
        return;
      }
      sendXml(res, twiml.sayAndGather(style, urls.turn, greeting));
    }, retryIncoming),
  );

  // A turn that failed on our side (its state unreadable for a moment): the caller is asked to
  // say it again and the call goes on, rather than an apology and a hang-up.
  const askAgain = () => twiml.sayAndGather(FALLBACK_STYLE, urls.turn, VOICE_TEXT.reprompt);

  router.post(
    '/voice/turn',
    callRoute(
      turnSchema,
      'apologise',
      async (body, { tenant, ctx }, res) => {
        // The call's language so far; a reply in another one switches it for what follows.
        let style = twiml.voiceStyle(tenant, ctx.language);
        const say = voiceTexts(style.language);
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
            sendXml(res, twiml.sayAndGather(style, urls.turn, say.reprompt));
          } else {
            await emitCallEvent(deps, ctx.callSid, { type: 'sms_requested' });
            sendXml(res, twiml.sayAndHangup(style, say.noSpeechGoodbye));
          }
          return;
        }

        const outcome = await runVoiceTurn(deps, tenant, ctx, input);
        if (outcome.limited) {
          ctx.pending = undefined;
          await saveCallContext(deps.redis, ctx);
          sendXml(
            res,
            outcome.limited === 'turn_rate'
              ? twiml.sayAndGather(style, urls.turn, limitTexts(style.language).slowDown)
              : await overBudgetTwiml(deps, kit, tenant, ctx, input),
          );
          return;
        }
        if (!outcome.response) {
          const attempts = (ctx.pending?.attempts ?? 0) + 1;
          const since = ctx.pending?.since ?? Date.now();
          ctx.pending = { ...input, attempts, since };
          await saveCallContext(deps.redis, ctx);
          deps.logger.warn({ callId: ctx.callId, attempts }, 'agent did not answer in time');
          const holding = Date.now() - since < deps.config.AGENT_HOLD_MS;
          if (attempts === 1 || (attempts < MAX_AGENT_ATTEMPTS && holding)) {
            sendXml(res, twiml.holdAndRedirect(style, urls.turn, say.holding, holdPause(attempts)));
            return;
          }
          // The agent could not answer: it is told the caller's words and what they heard instead,
          // off the caller's path (the agent is the one that just failed to answer in time).
          const to = await claimTransfer(deps, tenant, ctx);
          const spoken = to ? say.agentDownTransfer : say.agentDownGoodbye;
          void reportTurn(deps, ctx, {
            callerText: input.text || (input.digits ? `[pressed ${input.digits}]` : ''),
            heard: spoken,
            turnId: input.turnId,
          }).catch((err: unknown) => deps.logger.error({ err }, 'unanswered turn not reported'));
          if (to) {
            ctx.pending = undefined;
            await emitVoiceTransfer(
              deps,
              ctx,
              to,
              `The caller said: "${input.text}". Our assistant could not answer.`,
            );
            sendXml(res, transferTwiml(tenant, ctx, spoken, to));
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
        style = twiml.voiceStyle(tenant, ctx.language);
        const reply = outcome.response.reply;
        if (outcome.next.kind === 'transfer') {
          sendXml(res, transferTwiml(tenant, ctx, reply, outcome.next.to));
        } else if (outcome.next.kind === 'message') {
          const sorry = limitTexts(style.language).transferUnavailable;
          sendXml(res, twiml.sayAndGather(style, urls.message, `${reply} ${sorry}`.trim()));
        } else if (outcome.next.kind === 'end') {
          sendXml(res, twiml.sayAndHangup(style, reply));
        } else {
          sendXml(res, twiml.sayAndGather(style, urls.turn, reply));
        }
      },
      askAgain,
    ),
  );

  router.use(createTransferRouter(deps, kit));
  return router;
}
