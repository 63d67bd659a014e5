import express from 'express';
import { z } from 'zod';
import { boundTurnText, claimTransfer } from './channel-limits.ts';
import type { TwilioDeps } from './deps.ts';
import { limitTexts } from './limit-texts.ts';
import { overBudgetTwiml } from './limit-twiml.ts';
import { emitCallEvent, reportTurn } from './turn.service.ts';
import * as twiml from './twiml.ts';
import type { VoiceKit } from './voice.kit.ts';
import { voiceTexts } from './voice-language.ts';

const callSid = z.string().min(1).max(64);
const messageSchema = z.object({
  CallSid: callSid,
  SpeechResult: z.string().max(65_536).transform(boundTurnText).optional(),
});
const dialStatusSchema = z.object({ CallSid: callSid, DialCallStatus: z.string().optional() });
const relayEndedSchema = z.object({
  CallSid: callSid,
  HandoffData: z.string().max(8_000).optional(),
});

/**
 * The human side of a call: the whisper the staff member hears, what happens when nobody picks
 * up (the caller leaves a message), and the end of a ConversationRelay session.
 */
export function createTransferRouter(deps: TwilioDeps, kit: VoiceKit): express.Router {
  const router = express.Router();
  const { sendXml, safe, transferTwiml, callState, callRoute } = kit;
  const urls = kit.urls;

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
      // The staff member hears it, not the caller: in the business's own (default) language.
      const staff = twiml.voiceStyle(tenant);
      const say = voiceTexts(staff.language);
      const summary = ctx.transferSummary ?? say.whisperNoSummary;
      sendXml(res, twiml.sayOnly(staff, say.whisper(tenant.name, digits, summary)));
    }),
  );

  router.post(
    '/voice/dial-status',
    callRoute(dialStatusSchema, 'silence', async (body, { tenant, ctx }, res) => {
      const style = twiml.voiceStyle(tenant, ctx.language);
      const say = voiceTexts(style.language);
      if (body.DialCallStatus === 'completed' || body.DialCallStatus === 'answered') {
        sendXml(res, twiml.sayAndHangup(style, say.transferConnected));
        return;
      }
      await emitCallEvent(deps, ctx.callSid, { type: 'transfer_unanswered' });
      sendXml(res, twiml.sayAndGather(style, urls.message, say.noAnswerTakeMessage));
    }),
  );

  router.post(
    '/voice/message',
    callRoute(messageSchema, 'silence', async (body, { tenant, ctx }, res) => {
      const style = twiml.voiceStyle(tenant, ctx.language);
      const say = voiceTexts(style.language);
      const speech = body.SpeechResult?.trim() ?? '';
      if (!speech) {
        await emitCallEvent(deps, ctx.callSid, { type: 'sms_requested' });
        sendXml(res, twiml.sayAndHangup(style, say.noMessage));
        return;
      }
      await reportTurn(deps, ctx, { callerText: speech });
      await emitCallEvent(deps, ctx.callSid, {
        type: 'message_taken',
        summary: speech,
        recorded: false,
      });
      sendXml(res, twiml.sayAndHangup(style, say.messageThanks));
    }),
  );

  // The ConversationRelay session ended: the agent asked for a transfer or said goodbye.
  router.post(
    '/voice/relay-ended',
    callRoute(relayEndedSchema, 'silence', async (body, { tenant, ctx }, res) => {
      let handoff: { reason?: string; to?: string } = {};
      try {
        handoff = JSON.parse(body.HandoffData ?? '{}') as typeof handoff;
      } catch {
        handoff = {};
      }
      if (handoff.reason === 'over_budget') {
        sendXml(res, await overBudgetTwiml(deps, kit, tenant, ctx));
        return;
      }
      if (handoff.reason === 'transfer' || handoff.reason === 'message') {
        // Only the tenant's staff are dialled, whatever the handoff names (already counted
        // against today's dials when the agent asked, so this claim is the same one).
        const requested = typeof handoff.to === 'string' ? handoff.to : undefined;
        const to =
          handoff.reason === 'transfer' ? await claimTransfer(deps, tenant, ctx, requested) : null;
        if (to) {
          sendXml(res, transferTwiml(tenant, ctx, '', to));
          return;
        }
        const style = twiml.voiceStyle(tenant, ctx.language);
        sendXml(
          res,
          twiml.sayAndGather(style, urls.message, limitTexts(style.language).transferUnavailable),
        );
        return;
      }
      sendXml(res, twiml.hangup());
    }),
  );

  return router;
}
