import type { Request, Response } from 'express';
import { z } from 'zod';
import { createTenantProfileCache } from '@receptionist/db/tenant-profiles';
import type { Tenant } from '@receptionist/domain';
import { loadCallContext, type CallContext } from './call-context.ts';
import type { TwilioDeps } from './deps.ts';
import * as twiml from './twiml.ts';
import { voiceTexts } from './voice-language.ts';

/** The backend's own sentences in English; every language's are in voice-language.ts. */
export const VOICE_TEXT = {
  unknownNumber:
    'Sorry, the number you have called is not connected to a service we run. Please check the number and try again. Goodbye.',
  ...voiceTexts('en'),
};

/** How we speak before we know whose line was called (or after its context was lost). */
export const FALLBACK_STYLE = { voice: 'Polly.Joanna-Neural', language: 'en-US', hints: '' };

/** What every voice webhook shares: our URLs, the TwiML answer, the call's state. */
export function createVoiceKit(deps: TwilioDeps) {
  const base = deps.config.PUBLIC_BASE_URL;
  const urls = {
    incoming: `${base}/twilio/voice`,
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
  // `onError` answers instead when the route has a better way out than the apology and hang-up
  // (holding the caller and asking again); it returns null to leave it to the apology.
  const safe =
    (
      handler: (req: Request, res: Response) => Promise<void>,
      onError?: (req: Request) => string | null,
    ) =>
    async (req: Request, res: Response, next: (err?: unknown) => void) => {
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof z.ZodError) return next(err);
        deps.logger.error({ err, path: req.path }, 'voice webhook failed; answering gracefully');
        if (res.headersSent) return;
        let xml: string | null;
        try {
          xml = onError?.(req) ?? null;
        } catch {
          xml = null;
        }
        sendXml(res, xml ?? twiml.sayAndHangup(FALLBACK_STYLE, VOICE_TEXT.lostContext));
      }
    };

  const transferTwiml = (tenant: Tenant, ctx: CallContext, text: string, to: string) =>
    twiml.transfer(twiml.voiceStyle(tenant, ctx.language), {
      text,
      to,
      callerId: ctx.businessPhone,
      whisperUrl: urls.whisper(ctx.callSid),
      dialActionUrl: urls.dialStatus,
      timeoutSeconds: deps.config.TRANSFER_RING_TIMEOUT_S,
    });

  // Every turn needs the tenant's profile: the process's cache hears admin edits at once and,
  // with Postgres restarting, a call in progress goes on with the profile it already had.
  const tenants = deps.tenants ?? createTenantProfileCache({ db: deps.db });
  const tenantById = (id: string) => tenants.get(id);

  async function callState(callSid: string): Promise<{ tenant: Tenant; ctx: CallContext } | null> {
    const ctx = await loadCallContext(deps.redis, callSid);
    if (!ctx) return null;
    const tenant = await tenantById(ctx.tenantId);
    return tenant ? { tenant, ctx } : null;
  }

  type CallState = NonNullable<Awaited<ReturnType<typeof callState>>>;
  /**
   * A webhook about a call in progress: its body validated, its state loaded. A call whose state
   * is gone (expired, or never ours) gets `onLost`: silence for Twilio's side legs, a spoken
   * apology where the caller is listening.
   */
  const callRoute = <S extends z.ZodType<{ CallSid: string }>>(
    schema: S,
    onLost: 'silence' | 'apologise',
    handler: (body: z.infer<S>, state: CallState, res: Response) => Promise<void>,
    onError?: (req: Request) => string | null,
  ) =>
    safe(async (req, res) => {
      const body = schema.parse(req.body);
      const state = await callState(body.CallSid);
      if (!state) {
        sendXml(
          res,
          onLost === 'silence'
            ? twiml.emptyVoiceResponse()
            : twiml.sayAndHangup(FALLBACK_STYLE, VOICE_TEXT.lostContext),
        );
        return;
      }
      await handler(body, state, res);
    }, onError);

  return { urls, sendXml, safe, transferTwiml, callState, callRoute };
}

export type VoiceKit = ReturnType<typeof createVoiceKit>;
