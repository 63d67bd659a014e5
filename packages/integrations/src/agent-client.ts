import {
  turnResponseSchema,
  turnStreamEventSchema,
  type TurnReport,
  type TurnRequest,
  type TurnResponse,
  type TurnStreamEvent,
} from '@receptionist/domain';
import type { BreakerFactory } from './breaker.ts';

export interface AgentClient {
  /** One turn; resolves null when the agent service is slow, down or its circuit is open. */
  turn(req: TurnRequest, headers?: Record<string, string>): Promise<TurnResponse | null>;
  /**
   * Streams one turn's reply. Aborting `signal` closes the HTTP connection, which is what makes
   * the agent service cancel the model call. Opening the stream is bounded by the timeout.
   */
  streamTurn(
    req: TurnRequest,
    signal: AbortSignal,
    headers?: Record<string, string>,
  ): AsyncGenerator<TurnStreamEvent>;
  /**
   * Tells the agent service what only the channel knows of a turn (what the caller heard, that
   * the channel gave up waiting, its hop time): the agent service writes the transcript. False
   * when the agent service did not take it (slow, down, circuit open).
   */
  report(r: TurnReport, headers?: Record<string, string>): Promise<boolean>;
}

const AGENT_BREAKER_RESET_MS = 3_000;

export function createAgentClient(deps: {
  baseUrl: string;
  timeoutMs: number;
  breakers: BreakerFactory;
  /** Distinguishes the breakers when several clients share one registry. */
  name?: string;
  /** The agent service's shared secret, sent as `Authorization: Bearer` on every turn. */
  secret?: string;
  fetch?: typeof fetch;
}): AgentClient {
  const doFetch = deps.fetch ?? fetch;
  const base = deps.baseUrl.replace(/\/+$/, '');
  const name = deps.name ?? 'agent';
  const auth: Record<string, string> = deps.secret
    ? { authorization: `Bearer ${deps.secret}` }
    : {};

  const turnBreaker = deps.breakers.create(
    `${name}-turn`,
    async (req: TurnRequest, headers: Record<string, string>) => {
      const res = await doFetch(`${base}/v1/turns`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...auth },
        body: JSON.stringify(req),
        // The breaker stops waiting at the same moment; this also frees the socket.
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      if (!res.ok) throw new Error(`agent answered ${res.status}`);
      return turnResponseSchema.parse(await res.json());
    },
    {
      timeoutMs: deps.timeoutMs,
      // A restarted agent is tried again within seconds, while its callers are still on hold.
      resetTimeoutMs: AGENT_BREAKER_RESET_MS,
      fallback: () => null as TurnResponse | null,
    },
  );

  const reportBreaker = deps.breakers.create(
    `${name}-report`,
    async (r: TurnReport, headers: Record<string, string>) => {
      const res = await doFetch(`${base}/v1/turns/report`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...auth },
        body: JSON.stringify(r),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`agent answered ${res.status} to a report`);
      return true;
    },
    { timeoutMs: deps.timeoutMs, fallback: () => false },
  );

  const openBreaker = deps.breakers.create(
    `${name}-stream-open`,
    async (req: TurnRequest, signal: AbortSignal, headers: Record<string, string>) => {
      const res = await doFetch(`${base}/v1/turns/stream`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...headers,
          ...auth,
        },
        body: JSON.stringify(req),
        signal: AbortSignal.any([signal, AbortSignal.timeout(deps.timeoutMs)]),
      });
      if (!res.ok || !res.body) throw new Error(`agent stream answered ${res.status}`);
      return res.body;
    },
    { timeoutMs: deps.timeoutMs, resetTimeoutMs: AGENT_BREAKER_RESET_MS },
  );

  return {
    turn: (req, headers = {}) => turnBreaker.fire(req, headers),
    report: (r, headers = {}) => reportBreaker.fire(r, headers),
    async *streamTurn(req, signal, headers = {}) {
      const body = await openBreaker.fire(req, signal, headers);
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = body.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let sep: number;
          while ((sep = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, sep);
            buffer = buffer.slice(sep + 2);
            const data = frame
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            if (!data) continue;
            const event = turnStreamEventSchema.parse(JSON.parse(data));
            yield event;
            if (event.type !== 'delta') return;
          }
        }
      } finally {
        reader.releaseLock();
        await body.cancel().catch(() => undefined);
      }
    },
  };
}
