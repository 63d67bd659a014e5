import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { createTenantProfileCache, type TenantProfiles } from '@receptionist/db/tenant-profiles';
import type { Tenant, TurnRequest, TurnResponse } from '@receptionist/domain';
import { propagationHeaders, runWithRequestId } from '@receptionist/observability';
import { loadCallContext, saveCallContext, type CallContext } from './call-context.ts';
import type { TwilioDeps } from './deps.ts';
import { boundTurnText, recordUsage, turnAllowed } from './channel-limits.ts';
import { limitTexts } from './limit-texts.ts';
import { verifyRelayQuery, type RelayBinding } from './relay-token.ts';
import { validRelaySignature } from './signature.middleware.ts';
import { applyActions, rememberLanguage, reportHopTime, reportTurn } from './turn.service.ts';
import { callLanguage, voiceTexts } from './voice-language.ts';

export const RELAY_PATH = '/twilio/relay';

type RelayIn =
  | { type: 'setup'; callSid: string; from?: string; to?: string }
  | { type: 'prompt'; voicePrompt: string; last?: boolean }
  | { type: 'interrupt'; utteranceUntilInterrupt?: string; durationUntilInterruptMs?: number }
  | { type: 'dtmf'; digit: string }
  | { type: 'error'; description?: string };

interface Generation {
  abort: AbortController;
  callerText: string;
  text: string;
  /** Tokens produced while an interruption is being judged; sent if it was only a backchannel. */
  paused: boolean;
  finished: boolean;
  response?: TurnResponse;
  startedAt: number;
  /** What the caller heard of it was reported (or nothing needed reporting). */
  settled: boolean;
  endAfter?: { reason: 'transfer' | 'end'; to?: string; summary?: string };
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** "mhm", "ok", "yeah": the caller following along, not taking the turn. */
export function isBackchannel(text: string, words: string[]): boolean {
  const t = normalise(text);
  return t.length > 0 && words.includes(t);
}

/** ConversationRelay: Twilio does speech both ways; this socket carries text and turn-taking. */
export function attachRelay(server: Server, deps: TwilioDeps): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const tenants = deps.tenants ?? createTenantProfileCache({ db: deps.db });
  server.on('upgrade', (req, socket, head) => {
    const path = req.url ?? '';
    // The relay is the only socket we serve: any other upgrade is answered and closed at once
    // (left alone, Node keeps the connection open with no reply until the client gives up).
    if (path.split('?')[0] !== RELAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const signature = req.headers['x-twilio-signature'];
    const ok = validRelaySignature({
      authToken: deps.config.TWILIO_AUTH_TOKEN,
      publicBaseUrl: deps.config.PUBLIC_BASE_URL,
      path,
      signature: typeof signature === 'string' ? signature : undefined,
    });
    // The URL must also be one we handed out for a call, and still fresh.
    const binding = ok ? verifyRelayQuery(deps.config, path.split('?')[1] ?? '') : null;
    if (!binding) {
      deps.logger.warn(
        ok
          ? 'relay upgrade with a bad or expired call binding refused'
          : 'relay upgrade with a bad signature refused',
      );
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => relaySession(ws, deps, tenants, binding));
  });
  return wss;
}

function relaySession(
  ws: WebSocket,
  deps: TwilioDeps,
  tenants: Pick<TenantProfiles, 'get'>,
  binding: RelayBinding,
): void {
  let ctx: CallContext | null = null;
  let tenant: Tenant | null = null;
  let gen: Generation | null = null;
  let interrupted: { spoken: string; timer: NodeJS.Timeout } | null = null;
  let interruptedReply: string | undefined;
  let queue = Promise.resolve();
  const send = (msg: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  /** The conversation's language: every text token names it (ConversationRelay's `lang`). */
  const lang = () => (tenant ? callLanguage(tenant, ctx?.language) : 'en-US');
  const speak = (token: string, last: boolean) => send({ type: 'text', token, last, lang: lang() });
  const trouble = () => speak(voiceTexts(lang()).relayTrouble, true);
  const log = deps.logger.child({ channel: 'relay' });

  /**
   * Tells the agent service, once, what the caller heard of a reply they cut short: the agent
   * stored the finished reply (or, cut mid-generation, only the caller's words as it unwound)
   * and keeps the transcript to the words actually spoken.
   */
  async function finalise(g: Generation, spoken?: string) {
    if (g.settled || !ctx) return;
    g.settled = true;
    const heard = spoken?.trim();
    if (g.response ? heard === undefined || heard === g.response.reply.trim() : !heard) return;
    await reportTurn(deps, ctx, { heard, reply: g.response?.reply ?? g.text });
  }

  async function cancelGeneration(spoken: string) {
    const g = gen;
    if (!g) return;
    g.abort.abort();
    interruptedReply = spoken;
    gen = null;
    await finalise(g, spoken);
    log.info({ heard: spoken.length, produced: g.text.length }, 'reply interrupted');
  }

  async function runTurn(text: string, digits?: string) {
    if (!ctx || !tenant) return;
    const c = ctx;
    // Kept in the call context, which the end-of-call signal reads for the call workflow.
    if (!c.spoke) {
      c.spoke = true;
      await saveCallContext(deps.redis, c);
    }
    const g: Generation = {
      abort: new AbortController(),
      callerText: text || (digits ? `[pressed ${digits}]` : ''),
      text: '',
      paused: false,
      finished: false,
      startedAt: performance.now(),
      settled: false,
    };
    gen = g;
    const heard = interruptedReply;
    interruptedReply = undefined;
    const allowed = await turnAllowed(deps, tenant, c.callerPhone);
    if (allowed !== 'ok') {
      gen = null;
      if (allowed === 'turn_rate') {
        speak(limitTexts(lang()).slowDown, true);
        return;
      }
      // Over the day's model budget: the caller's words are kept, and the call leaves the socket
      // for the TwiML that puts them through to the team or takes their message.
      await reportTurn(deps, c, { callerText: g.callerText });
      send({ type: 'end', handoffData: JSON.stringify({ reason: 'over_budget' }) });
      return;
    }
    // The reply streams on its own so the socket keeps reading: the caller's next words (an
    // interruption) must be able to cancel it while it is still being generated.
    void streamReply(c, tenant, g, {
      tenantId: c.tenantId,
      conversationId: c.conversationKey,
      channel: 'voice',
      text,
      callerPhone: c.callerPhone,
      callerVerified: c.callerVerified === true,
      callSid: c.callSid,
      ...(digits ? { digits } : {}),
      ...(heard !== undefined ? { interruptedReply: { spokenText: heard } } : {}),
    }).catch((err) => log.error({ err }, 'relay reply failed'));
  }

  async function streamReply(c: CallContext, t: Tenant, g: Generation, req: TurnRequest) {
    try {
      const stream = deps.agent.streamTurn(req, g.abort.signal, propagationHeaders());
      for await (const event of stream) {
        if (event.type === 'delta') {
          g.text += event.text;
          if (!g.paused) speak(event.text, false);
        } else if (event.type === 'done') {
          g.response = event.response;
          g.finished = true;
          recordUsage(deps, t, event.response.usage);
          if (!g.paused) speak('', true);
          // The reply is in another language: Twilio listens and speaks in it from the next turn.
          // The reply's own tokens streamed before the turn named its language.
          if (rememberLanguage(t, c, event.response))
            send({ type: 'language', ttsLanguage: lang(), transcriptionLanguage: lang() });
          reportHopTime(deps, c, g.startedAt, { reply: event.response.reply });
        } else {
          throw new Error(event.message);
        }
      }
    } catch (err) {
      if (g.abort.signal.aborted) return;
      log.warn({ err: (err as Error).message }, 'agent stream failed');
      if (gen === g) gen = null;
      await finalise(g);
      trouble();
      return;
    }
    if (!g.response) return;
    // A booking made is made even if the caller talked over its confirmation.
    const next = await applyActions(deps, t, c, g.response.actions);
    await saveCallContext(deps.redis, c);
    if (gen !== g || next.kind === 'continue') return;
    await finalise(g);
    send({
      type: 'end',
      handoffData: JSON.stringify(
        next.kind === 'transfer'
          ? { reason: 'transfer', to: next.to, summary: next.summary }
          : { reason: next.kind === 'message' ? 'message' : 'end' },
      ),
    });
  }

  async function onPrompt(text: string) {
    const g = gen;
    // The agent is speaking while the reply still streams, or when Twilio reported the caller
    // talking over its playback (an interrupt). Once the last token went out and no interrupt
    // came, the reply was heard through: "Yes" then answers it and is a turn of its own.
    const speaking = g !== null && (!g.finished || interrupted !== null);
    if (g && speaking && isBackchannel(text, deps.config.RELAY_BACKCHANNEL_WORDS)) {
      // Only a backchannel: carry on from where the caller's "mhm" stopped the speech.
      if (interrupted) {
        clearTimeout(interrupted.timer);
        const spoken = interrupted.spoken;
        interrupted = null;
        g.paused = false;
        const rest = g.text.startsWith(spoken) ? g.text.slice(spoken.length) : g.text;
        if (rest) speak(rest, g.finished);
        else if (g.finished) speak('', true);
      }
      return;
    }
    if (interrupted) {
      clearTimeout(interrupted.timer);
      const spoken = interrupted.spoken;
      interrupted = null;
      await cancelGeneration(spoken);
    } else if (g) {
      if (!g.finished) await cancelGeneration(g.text);
      else await finalise(g);
      gen = null;
    }
    await runTurn(text);
  }

  function onInterrupt(spoken: string) {
    const g = gen;
    if (!g) return;
    g.paused = true;
    if (interrupted) clearTimeout(interrupted.timer);
    interrupted = {
      spoken,
      // No words followed (noise, a cough): the interruption stands and the generation stops.
      timer: setTimeout(() => {
        if (!interrupted) return;
        const heard = interrupted.spoken;
        interrupted = null;
        void cancelGeneration(heard).catch((err) => log.error({ err }, 'relay cancel failed'));
      }, deps.config.RELAY_INTERRUPT_GRACE_MS),
    };
  }

  ws.on('message', (raw) => {
    let msg: RelayIn;
    try {
      msg = JSON.parse(String(raw)) as RelayIn;
    } catch {
      return;
    }
    // Interrupts act at once (they stop output); everything else is handled in arrival order.
    if (msg.type === 'interrupt') {
      onInterrupt(msg.utteranceUntilInterrupt ?? '');
      return;
    }
    const m = msg;
    queue = queue
      .then(() =>
        runWithRequestId(`relay-${ctx?.callSid ?? 'setup'}`, async () => {
          if (m.type === 'setup') {
            // One setup per socket, for the call its URL was issued to; anything else closes it.
            if (ctx || m.callSid !== binding.callSid || binding.expires * 1000 < Date.now()) {
              log.warn('relay setup for another call than its URL was bound to refused');
              ws.close(1008, 'call binding mismatch');
              return;
            }
            ctx = await loadCallContext(deps.redis, m.callSid);
            tenant = ctx ? await tenants.get(ctx.tenantId) : null;
            if (!ctx || !tenant) {
              log.warn('relay setup for an unknown call');
              send({ type: 'end', handoffData: JSON.stringify({ reason: 'end' }) });
            }
          } else if (m.type === 'prompt') {
            if (m.last === false) return;
            await onPrompt(boundTurnText(m.voicePrompt ?? ''));
          } else if (m.type === 'dtmf') {
            if (gen) await cancelGeneration(gen.text);
            await runTurn('', m.digit);
          } else if (m.type === 'error') {
            log.warn({ description: m.description }, 'relay error from Twilio');
          }
        }),
      )
      .catch((err) => {
        log.error({ err }, 'relay message failed');
        trouble();
      });
  });

  ws.on('close', () => {
    if (interrupted) clearTimeout(interrupted.timer);
    const g = gen;
    const heard = interrupted?.spoken;
    interrupted = null;
    queue = queue
      .then(async () => {
        if (!g) return;
        if (!g.finished) g.abort.abort();
        await finalise(g, heard);
      })
      .catch((err) => log.error({ err }, 'relay close failed'));
  });
}
