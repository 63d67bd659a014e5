// The agent service's HTTP contract (POST /v1/turns and /v1/turns/stream, validated by the
// domain's turn schemas on both sides), answered from a script: the channel's tests decide what
// the agent says, in which language and how fast, without depending on how the agent decides.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  turnRequestSchema,
  type TurnRequest,
  type TurnResponse,
  type TurnStreamEvent,
} from '@receptionist/domain';
import { readThrough, startedForSuite } from '@receptionist/testing/suite';
import { startChannelStack, type ChannelStack } from './channel-stack.ts';

export interface ScriptedTurn {
  reply: string;
  language?: string;
  actions?: TurnResponse['actions'];
  /** Before the answer (or the stream's first token). */
  delayMs?: number;
  /** Between streamed words. */
  tokenDelayMs?: number;
  /** The stream breaks after its first word instead of finishing. */
  fail?: boolean;
}

export interface AgentDouble {
  url: string;
  requests: TurnRequest[];
  script: (req: TurnRequest) => ScriptedTurn;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function response(t: ScriptedTurn): TurnResponse {
  return {
    reply: t.reply,
    agent: 'triage',
    actions: t.actions ?? [],
    brain: 'offline',
    usage: { inputTokens: 0, outputTokens: 0, costMicroUsd: 0, modelLatencyMs: 0 },
    latencyMs: 1,
    ...(t.language ? { language: t.language } : {}),
  };
}

/**
 * The channel stack answered by an agent double, for the file's tests: started before them
 * (`ready` last, e.g. the business's settings), stopped after them, the double last.
 */
export function useDoubledStack(
  opts: Omit<Parameters<typeof startChannelStack>[0], 'agentUrl'>,
  ready: (stack: ChannelStack, agent: AgentDouble) => Promise<unknown> = async () => undefined,
) {
  const stop = async ({ stack, agent }: { stack?: ChannelStack; agent: AgentDouble }) => {
    await stack?.close();
    await agent.close();
  };
  const both = startedForSuite(
    async () => {
      const agent = await startAgentDouble();
      let stack: ChannelStack | undefined;
      try {
        stack = await startChannelStack({ agentUrl: agent.url, ...opts });
        await ready(stack, agent);
        return { stack, agent };
      } catch (err) {
        await stop({ stack, agent });
        throw err;
      }
    },
    stop,
    { timeoutMs: 90_000 },
  );
  return { stack: readThrough(() => both.stack), agent: readThrough(() => both.agent) };
}

export async function startAgentDouble(): Promise<AgentDouble> {
  const double: AgentDouble = {
    url: '',
    requests: [],
    script: () => ({ reply: 'Hello.' }),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      void (async () => {
        const turn = turnRequestSchema.parse(JSON.parse(body));
        double.requests.push(turn);
        const t = double.script(turn);
        await sleep(t.delayMs ?? 0);
        if (req.url === '/v1/turns') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(response(t)));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const event = (e: TurnStreamEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
        const words = t.reply.split(/(?<= )/);
        for (const [i, word] of words.entries()) {
          if (res.destroyed) return;
          event({ type: 'delta', text: word });
          if (t.fail) break;
          if (i < words.length - 1) await sleep(t.tokenDelayMs ?? 0);
        }
        event(
          t.fail
            ? { type: 'error', message: 'model failed' }
            : { type: 'done', response: response(t) },
        );
        res.end();
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return double;
}
