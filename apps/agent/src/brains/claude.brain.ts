import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  Message,
  MessageCreateParamsNonStreaming,
  MessageParam,
  Tool,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { z } from 'zod';
import { agentNames, type AgentName } from '@receptionist/domain';
import type { AgentConfig } from '@receptionist/config';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import type { Logger } from '@receptionist/observability';
import type { AgentDefinition, AgentEnv } from '../agents/agent.ts';
import type { ChatLine, ConversationState, TurnContext } from '../agents/agent.types.ts';
import { SHARED_RULES, tenantProfile } from '../agents/tenant-profile.ts';
import { spokenTime } from '../booking/spoken-time.ts';
import type { AgentMetrics } from '../agent.metrics.ts';
import { runTool, inputJsonSchema, APOLOGY } from '../tools/tool.ts';

const MAX_ROUNDS = 4;
const ABORTED = Symbol('aborted');
const HISTORY_LINES = 20;

const handOverInput = z.object({
  agent: z.enum(agentNames.filter((a) => a !== 'triage') as [AgentName, ...AgentName[]]),
  reason: z.string().max(200).optional(),
});

export interface ClaudeBrain {
  /** Runs one agent on Claude; false when Claude is unavailable and the offline brain must answer. */
  runAgent(agent: AgentDefinition, env: AgentEnv): Promise<boolean>;
}

interface CallArgs {
  params: MessageCreateParamsNonStreaming;
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
}

/**
 * The conversation as Messages API turns. What a colleague already said this turn (after the
 * caller's last words) goes into the system prompt instead: the request must end on the caller.
 */
export function toMessages(lines: ChatLine[]): {
  messages: MessageParam[];
  saidThisTurn: string[];
} {
  const lastCaller = lines.map((l) => l.role).lastIndexOf('caller');
  const saidThisTurn = lines.slice(lastCaller + 1).map((l) => l.text);
  const out: MessageParam[] = [];
  for (const l of lines.slice(0, lastCaller + 1).slice(-HISTORY_LINES)) {
    const role = l.role === 'caller' ? 'user' : 'assistant';
    if (!out.length && role === 'assistant') continue;
    const last = out.at(-1);
    if (last && last.role === role) last.content = `${last.content as string}\n${l.text}`;
    else out.push({ role, content: l.text || '(silence)' });
  }
  return { messages: out, saidThisTurn };
}

function situation(work: ConversationState, ctx: TurnContext, saidThisTurn: string[]): string {
  const { custom, ...lead } = work.lead;
  const known = { ...lead, ...custom };
  const b = work.bookingDraft;
  return [
    `Now: ${spokenTime(ctx.now, ctx.tenant.timezone, ctx.now)} (${ctx.now.toISOString()}). Channel: ${ctx.channel}.`,
    `Known about the caller: ${JSON.stringify(known)}.`,
    b.pending ? `Awaiting the caller's yes to: ${b.pending.readBack}.` : '',
    saidThisTurn.length
      ? `Already said to the caller this turn: "${saidThisTurn.join(' ')}". Continue from there.`
      : '',
    b.booked
      ? `Booked in this conversation: ${b.booked.service} at ${b.booked.startsAt} (${b.booked.status}).`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function createClaudeBrain(deps: {
  config: AgentConfig;
  breakers: BreakerFactory;
  metrics: AgentMetrics;
  logger: Logger;
}): ClaudeBrain {
  const { config } = deps;
  const client = new Anthropic({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL,
    timeout: config.ANTHROPIC_TIMEOUT_MS,
    maxRetries: config.ANTHROPIC_MAX_RETRIES,
  });

  async function call({ params, signal, onDelta }: CallArgs): Promise<Message | typeof ABORTED> {
    try {
      if (!onDelta) return await client.messages.create(params, { signal });
      const stream = client.messages.stream(params, { signal });
      stream.on('text', (delta) => onDelta(delta));
      return await stream.finalMessage();
    } catch (err) {
      // A caller barging in is not Claude failing: it must never count towards opening the circuit.
      if (signal?.aborted) return ABORTED;
      throw err;
    }
  }

  const breaker = deps.breakers.create<[CallArgs], Message | typeof ABORTED | null>(
    'anthropic_messages',
    call,
    {
      // The SDK's own timeout and retries run inside; the breaker bounds the whole attempt.
      timeoutMs: config.ANTHROPIC_TIMEOUT_MS * (config.ANTHROPIC_MAX_RETRIES + 1) + 500,
      fallback: (err, args) => {
        if (args.signal?.aborted) throw err;
        deps.logger.warn({ err: err.message }, 'claude unavailable, the offline brain answers');
        return null;
      },
    },
  );

  // The tool list of an agent never changes: generate its JSON schemas once.
  const toolCache = new Map<AgentName, Tool[]>();
  function toolsFor(agent: AgentDefinition): Tool[] {
    const cached = toolCache.get(agent.name);
    if (cached) return cached;
    const tools: Tool[] = agent.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: inputJsonSchema(t.input) as Tool['input_schema'],
    }));
    tools.push({
      name: 'hand_over',
      description:
        'Pass the conversation to another specialist when the caller wants something they handle: qualification, faq, objection_handler, booking, closing, escalation.',
      input_schema: inputJsonSchema(handOverInput) as Tool['input_schema'],
    });
    tools[tools.length - 1]!.cache_control = { type: 'ephemeral' };
    toolCache.set(agent.name, tools);
    return tools;
  }

  function record(agent: AgentName, ctx: TurnContext, msg: Message, ms: number) {
    const u = msg.usage;
    const cachedWrite = u.cache_creation_input_tokens ?? 0;
    const cachedRead = u.cache_read_input_tokens ?? 0;
    const input = u.input_tokens + cachedWrite + cachedRead;
    // $ per million tokens equals micro-dollars per token.
    const cost = Math.round(
      (u.input_tokens + cachedWrite * 1.25 + cachedRead * 0.1) *
        config.ANTHROPIC_PRICE_INPUT_PER_MTOK +
        u.output_tokens * config.ANTHROPIC_PRICE_OUTPUT_PER_MTOK,
    );
    ctx.usage.inputTokens += input;
    ctx.usage.outputTokens += u.output_tokens;
    ctx.usage.costMicroUsd += cost;
    ctx.usage.modelLatencyMs += ms;
    deps.metrics.modelTokens.inc({ agent, kind: 'input' }, input);
    deps.metrics.modelTokens.inc({ agent, kind: 'output' }, u.output_tokens);
    deps.metrics.modelCost.inc({ agent }, cost);
    deps.metrics.modelLatency.observe({ agent }, ms / 1000);
  }

  return {
    async runAgent(agent, env) {
      const { ctx, work } = env;
      const extra = agent.tenantContext?.(ctx.tenant);
      const { messages, saidThisTurn } = toMessages(work.messages);
      const system = [
        { type: 'text' as const, text: `${SHARED_RULES}\n\n${agent.instructions}` },
        {
          type: 'text' as const,
          text: `${tenantProfile(ctx.tenant)}${extra ? `\n${extra}` : ''}`,
          cache_control: { type: 'ephemeral' as const },
        },
        { type: 'text' as const, text: situation(work, ctx, saidThisTurn) },
      ];
      const tools = toolsFor(agent);
      let spoke = false;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const started = performance.now();
        const deltas = ctx.onDelta;
        const msg = await breaker.fire({
          params: {
            model: config.ANTHROPIC_MODEL,
            max_tokens: config.ANTHROPIC_MAX_TOKENS,
            system,
            tools,
            tool_choice: { type: 'auto' },
            messages,
          },
          signal: ctx.signal,
          onDelta: deltas && ((d) => deltas(spoke && d ? ` ${d.trimStart()}` : d)),
        });
        if (msg === ABORTED) throw new Error('the turn was aborted');
        if (msg === null) {
          if (round === 0 && !spoke) return false;
          work.out.toolFailed = true;
          env.say(APOLOGY);
          return true;
        }
        ctx.brain.used = 'claude';
        record(agent.name, ctx, msg, Math.round(performance.now() - started));
        const text = msg.content
          .filter((c) => c.type === 'text')
          .map((c) => c.text)
          .join(' ')
          .trim();
        if (text) {
          env.say(text);
          spoke = true;
        }
        const uses = msg.content.filter((c) => c.type === 'tool_use');
        if (msg.stop_reason !== 'tool_use' || uses.length === 0) break;
        const results: ToolResultBlockParam[] = [];
        for (const use of uses) {
          if (use.name === 'hand_over') {
            const h = handOverInput.safeParse(use.input);
            if (h.success) env.handOver(h.data.agent);
            results.push({
              type: 'tool_result',
              tool_use_id: use.id,
              content: h.success ? 'ok' : 'unknown agent',
              is_error: !h.success,
            });
            continue;
          }
          const tool = agent.tools.find((t) => t.name === use.name);
          const r = tool
            ? await runTool(tool, use.input, env)
            : ({ ok: false, error: `no tool named ${use.name}` } as const);
          results.push({
            type: 'tool_result',
            tool_use_id: use.id,
            content: JSON.stringify(r.ok ? r.data : { error: r.error }),
            is_error: !r.ok,
          });
        }
        messages.push({ role: 'assistant', content: msg.content as ContentBlockParam[] });
        messages.push({ role: 'user', content: results });
        // The specialist taking over speaks next; this one stops here.
        if (work.next) break;
      }
      if (!spoke && !work.next) {
        work.out.toolFailed = true;
        env.say(APOLOGY);
      }
      return true;
    },
  };
}
