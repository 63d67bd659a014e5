import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { getTenant } from '@receptionist/db';
import type { Tenant, TurnResponse } from '@receptionist/domain';
import { propagationHeaders, runWithRequestId } from '@receptionist/observability';
import { loadCallContext, saveCallContext, type CallContext } from './call-context.ts';
import type { TwilioDeps } from './deps.ts';
import { validRelaySignature } from './signature.middleware.ts';
import { applyActions, emitCallEvent, storeAgentTurn, storeCallerTurn } from './turn.service.ts';

export const RELAY_PATH = '/twilio/relay';
const AGENT_TROUBLE = "I'm sorry, I'm having trouble right now. Could you say that once more?";

type RelayIn =
  | { type: 'setup'; callSid: string; from?: string; to?: string }
  | { type: 'prompt'; voicePrompt: string; last?: boolean }
  | { type: 'interrupt'; utteranceUntilInterrupt?: string; durationUntilInterruptMs?: number }
  | { type: 'dtmf'; digit: string }
  | { type: 'error'; description?: string };

interface Generation {
  abort: AbortController;
  text: string;
  /** Tokens produced while an interruption is being judged; sent if it was only a backchannel. */
  paused: boolean;
  finished: boolean;
  response?: TurnResponse;
  startedAt: number;
  stored: boolean;
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
  server.on('upgrade', (req, socket, head) => {
    const path = req.url ?? '';
    if (path.split('?')[0] !== RELAY_PATH) return;
    const signature = req.headers['x-twilio-signature'];
    const ok = validRelaySignature({
      authToken: deps.config.TWILIO_AUTH_TOKEN,
      publicBaseUrl: deps.config.PUBLIC_BASE_URL,
      path,
      signature: typeof signature === 'string' ? signature : undefined,
    });
    if (!ok) {
      deps.logger.warn('relay upgrade with a bad signature refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => relaySession(ws, deps));
  });
  return wss;
}

function relaySession(ws: WebSocket, deps: TwilioDeps): void {
  let ctx: CallContext | null = null;
  let tenant: Tenant | null = null;
  let gen: Generation | null = null;
  let interrupted: { spoken: string; timer: NodeJS.Timeout } | null = null;
  let interruptedReply: string | undefined;
  let queue = Promise.resolve();
  const send = (msg: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const log = deps.logger.child({ channel: 'relay' });

  /** Stores the agent's side once, with only the words the caller actually heard. */
  async function finalise(g: Generation, spoken?: string) {
    if (g.stored || !ctx || !g.response) return;
    g.stored = true;
    const text = spoken ?? g.text;
    await storeAgentTurn(deps, ctx, text, g.response, g.startedAt);
  }

  async function cancelGeneration(spoken: string) {
    const g = gen;
    if (!g) return;
    g.abort.abort();
    interruptedReply = spoken;
    if (g.response) await finalise(g, spoken);
    else g.stored = true;
    gen = null;
    log.info({ heard: spoken.length, produced: g.text.length }, 'reply interrupted');
  }

  async function runTurn(text: string, digits?: string) {
    if (!ctx || !tenant) return;
    const c = ctx;
    if (!c.spoke) {
      c.spoke = true;
      await emitCallEvent(deps, c.callSid, { type: 'caller_spoke' });
    }
    await storeCallerTurn(deps, c, text || (digits ? `[pressed ${digits}]` : ''));
    const g: Generation = {
      abort: new AbortController(),
      text: '',
      paused: false,
      finished: false,
      startedAt: performance.now(),
      stored: false,
    };
    gen = g;
    const heard = interruptedReply;
    interruptedReply = undefined;
    try {
      const stream = deps.agent.streamTurn(
        {
          tenantId: c.tenantId,
          conversationId: c.conversationId,
          channel: 'voice',
          text,
          callerPhone: c.callerPhone,
          callSid: c.callSid,
          ...(digits ? { digits } : {}),
          ...(heard !== undefined ? { interruptedReply: { spokenText: heard } } : {}),
        },
        g.abort.signal,
        propagationHeaders(),
      );
      for await (const event of stream) {
        if (event.type === 'delta') {
          g.text += event.text;
          if (!g.paused) send({ type: 'text', token: event.text, last: false });
        } else if (event.type === 'done') {
          g.response = event.response;
          g.finished = true;
          if (!g.paused) send({ type: 'text', token: '', last: true });
        } else {
          throw new Error(event.message);
        }
      }
    } catch (err) {
      if (g.abort.signal.aborted) return;
      log.warn({ err: (err as Error).message }, 'agent stream failed');
      gen = null;
      send({ type: 'text', token: AGENT_TROUBLE, last: true });
      return;
    }
    if (!g.response || gen !== g) return;
    const next = await applyActions(deps, tenant, c, g.response.actions);
    await saveCallContext(deps.redis, c);
    if (next.kind === 'transfer') {
      await finalise(g);
      send({
        type: 'end',
        handoffData: JSON.stringify({ reason: 'transfer', to: next.to, summary: next.summary }),
      });
    } else if (next.kind === 'end') {
      await finalise(g);
      send({ type: 'end', handoffData: JSON.stringify({ reason: 'end' }) });
    }
  }

  async function onPrompt(text: string) {
    const g = gen;
    if (g && isBackchannel(text, deps.config.RELAY_BACKCHANNEL_WORDS)) {
      // Only a backchannel: carry on from where the caller's "mhm" stopped the speech.
      if (interrupted) {
        clearTimeout(interrupted.timer);
        const spoken = interrupted.spoken;
        interrupted = null;
        g.paused = false;
        const rest = g.text.startsWith(spoken) ? g.text.slice(spoken.length) : g.text;
        if (rest) send({ type: 'text', token: rest, last: g.finished });
        else if (g.finished) send({ type: 'text', token: '', last: true });
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
        queue = queue.then(() => cancelGeneration(heard)).catch(() => undefined);
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
            ctx = await loadCallContext(deps.redis, m.callSid);
            tenant = ctx ? await getTenant(deps.db, ctx.tenantId) : null;
            if (!ctx || !tenant) {
              log.warn('relay setup for an unknown call');
              send({ type: 'end', handoffData: JSON.stringify({ reason: 'end' }) });
            }
          } else if (m.type === 'prompt') {
            if (m.last === false) return;
            await onPrompt(m.voicePrompt ?? '');
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
        send({ type: 'text', token: AGENT_TROUBLE, last: true });
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
