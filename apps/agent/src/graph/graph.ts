import { END, START, StateGraph, type LangGraphRunnableConfig } from '@langchain/langgraph';
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { AgentName } from '@receptionist/domain';
import { agentEnv, type AgentDefinition } from '../agents/agent.ts';
import { bookingAgent } from '../agents/booking.agent.ts';
import { closingAgent } from '../agents/closing.agent.ts';
import { escalationAgent } from '../agents/escalation.agent.ts';
import { faqAgent } from '../agents/faq.agent.ts';
import { objectionHandlerAgent } from '../agents/objection-handler.agent.ts';
import { qualificationAgent } from '../agents/qualification.agent.ts';
import { nextSpeaker, ownerOf } from '../agents/triage.agent.ts';
import type { ClaudeBrain } from '../brains/claude.brain.ts';
import { languageOf, type Language, type UnderstandInput } from '../dialogue/commands.ts';
import { readCode } from '../dialogue/code.reader.ts';
import { readExpectedName } from '../dialogue/expected-name.ts';
import { understandOffline } from '../dialogue/understand.offline.ts';
import type { AgentServices } from '../tools/tool.ts';
import {
  ConversationAnnotation,
  emptyOutput,
  noUsage,
  TurnContextAnnotation,
  type ConversationState,
  type ConversationUpdate,
  type TurnContext,
} from './conversation-state.annotation.ts';

/** How many specialists may speak in one turn (FAQ answers, then booking offers slots, ...). */
const MAX_HOPS = 4;
const HISTORY_KEPT = 40;

type RunConfig = LangGraphRunnableConfig<TurnContext>;

export const SPECIALISTS: Record<Exclude<AgentName, 'triage'>, AgentDefinition> = {
  qualification: qualificationAgent,
  faq: faqAgent,
  objection_handler: objectionHandlerAgent,
  booking: bookingAgent,
  closing: closingAgent,
  escalation: escalationAgent,
};

function turnContext(config: RunConfig): TurnContext {
  const ctx = config.context;
  if (!ctx) throw new Error('a turn runs with its TurnContext');
  return ctx;
}

// --- nodes: each writes its routing decision into `next` ---

function tenantLanguages(ctx: TurnContext): Language[] {
  const langs = ctx.tenant.languages.map(languageOf).filter((l): l is Language => Boolean(l));
  return langs.length ? [...new Set(langs)] : ['en'];
}

/** Triage: the brain reads the caller's words into commands; rules route them to their owner. */
function triageNode(deps: GraphDeps) {
  return async (state: ConversationState, config: RunConfig): Promise<ConversationUpdate> => {
    const ctx = turnContext(config);
    state = newSession(state, ctx);
    const messages = [...state.messages];
    if (ctx.interruptedSpokenText !== undefined) {
      // The caller barged in: remember only what they actually heard.
      const i = messages.map((m) => m.role).lastIndexOf('agent');
      if (i >= 0) messages[i] = { ...messages[i]!, text: `${ctx.interruptedSpokenText} …` };
    }
    const allowed = tenantLanguages(ctx);
    // Until the caller has spoken, the conversation is in the business's first language.
    const language =
      state.turn === 0 || !allowed.includes(state.language) ? allowed[0]! : state.language;
    const input: UnderstandInput = {
      text: ctx.text,
      digits: ctx.digits,
      services: ctx.tenant.services.map((s) => s.name),
      timezone: ctx.tenant.timezone,
      now: ctx.now,
      language,
      allowedLanguages: allowed,
      expecting: state.expecting,
      offers: state.bookingDraft.offers,
      history: messages.slice(-10).map((m) => ({ role: m.role, text: m.text })),
    };
    // A code read back is digits, read the same way whichever brain is active.
    const code = state.expecting === 'code' ? readCode(ctx.text, ctx.digits) : undefined;
    const claude =
      !code && ctx.brain === 'claude' && deps.claude
        ? await deps.claude.understand(input, ctx)
        : null;
    const byClaude = claude?.understanding ?? null;
    const read = code
      ? { commands: [{ type: 'verify_code' as const, code }] }
      : (byClaude ?? understandOffline(input));
    const understood = {
      ...read,
      commands: readExpectedName(state.expecting, ctx.text, read.commands),
    };
    const heard = understood.commands.length ? understood.commands : [{ type: 'clarify' as const }];
    const spoken =
      understood.language && allowed.includes(understood.language) ? understood.language : language;
    messages.push({ role: 'caller', text: ctx.text });
    const routed: ConversationState = {
      ...state,
      language: spoken,
      heard,
      todo: heard,
      turn: state.turn + 1,
      messages,
    };
    return {
      ...sessionFields(state),
      messages: messages.slice(-HISTORY_KEPT),
      language: spoken,
      heard,
      todo: heard,
      turn: routed.turn,
      hops: 0,
      out: {
        ...emptyOutput(),
        brain: byClaude ? 'claude' : 'offline',
        usage: claude?.usage ?? noUsage(),
      },
      next: ownerOf(heard[0]!, routed, ctx.tenant),
    };
  };
}

/**
 * A new call on a conversation kept across calls (a verified caller's) starts its flows afresh:
 * what was on offer or half asked on an earlier call means nothing now. Bookings made and what
 * the caller told us stay.
 */
function newSession(state: ConversationState, ctx: TurnContext): ConversationState {
  if (state.session === ctx.session) return state;
  const d = state.bookingDraft;
  return {
    ...state,
    session: ctx.session,
    bookingDraft: { offers: [], ...(d.booked ? { booked: d.booked } : {}) },
    expecting: null,
    asks: {},
    verification: undefined,
    escalationState: { escalated: false, awaitingMessage: false },
  };
}

function sessionFields(state: ConversationState): ConversationUpdate {
  return {
    session: state.session,
    bookingDraft: state.bookingDraft,
    expecting: state.expecting,
    asks: state.asks,
    verification: state.verification,
    escalationState: state.escalationState,
  };
}

function specialistNode(agent: AgentDefinition, deps: GraphDeps) {
  return async (state: ConversationState, config: RunConfig): Promise<ConversationUpdate> => {
    const ctx = turnContext(config);
    const work: ConversationState = { ...structuredClone(state), next: null };
    const env = agentEnv({ ctx, work, services: deps.services }, agent.name);
    const before = work.out.replies.length;
    if (work.todo[0]?.type === 'repeat') {
      // Conversation repair: "say that again" hears the last reply again, whoever said it.
      work.todo = work.todo.slice(1);
      env.say(state.lastReply || '');
    } else await agent.handle(env);
    // A command routed here that this agent left alone is dropped, so no turn can loop.
    while (work.todo[0] && ownerOf(work.todo[0], work, ctx.tenant) === agent.name)
      work.todo = work.todo.slice(1);
    const said = work.out.replies.slice(before);
    // Replies are streamed as they are decided: the flows' words are final when said.
    said.forEach((r, i) => ctx.onDelta?.(before + i > 0 ? ` ${r}` : r));
    if (said.length) work.messages.push({ role: 'agent', agent: agent.name, text: said.join(' ') });
    const spoke = new Set(
      work.messages
        .slice(work.messages.map((m) => m.role).lastIndexOf('caller') + 1)
        .map((m) => m.agent)
        .filter((a): a is Exclude<AgentName, 'triage'> => Boolean(a) && a !== 'triage'),
    );
    const next =
      work.next ?? nextSpeaker(work, ctx.tenant, agent.name as Exclude<AgentName, 'triage'>, spoke);
    const replies = work.out.replies.join(' ').trim();
    return {
      messages: work.messages.slice(-HISTORY_KEPT),
      lead: work.lead,
      bookingDraft: work.bookingDraft,
      expecting: work.expecting,
      asks: work.asks,
      todo: work.todo,
      escalationState: work.escalationState,
      verification: work.verification,
      lastReply: replies || state.lastReply,
      out: work.out,
      next,
      hops: state.hops + 1,
      currentAgent: said.length ? agent.name : state.currentAgent,
    };
  };
}

// --- edges: pure functions of the routing decision ---

export function afterTriage(state: ConversationState): Exclude<AgentName, 'triage'> {
  return state.next && state.next !== 'triage' ? state.next : 'faq';
}

export function afterSpecialist(
  state: ConversationState,
): Exclude<AgentName, 'triage'> | typeof END {
  return state.next && state.next !== 'triage' && state.hops < MAX_HOPS ? state.next : END;
}

export interface GraphDeps {
  services: AgentServices;
  claude: ClaudeBrain | null;
  checkpointer: BaseCheckpointSaver;
}

/**
 * A supervisor loop whose routing is code, not a model call: triage routes to the owner of the
 * first command heard, and after every specialist the router sends the turn to the next owner, or
 * ends it when nothing is left to act on or MAX_HOPS specialists have spoken.
 */
export function createGraph(deps: GraphDeps) {
  const names = Object.keys(SPECIALISTS) as Exclude<AgentName, 'triage'>[];
  const builder = new StateGraph(ConversationAnnotation, TurnContextAnnotation)
    .addNode('triage', triageNode(deps))
    .addNode('qualification', specialistNode(qualificationAgent, deps))
    .addNode('faq', specialistNode(faqAgent, deps))
    .addNode('objection_handler', specialistNode(objectionHandlerAgent, deps))
    .addNode('booking', specialistNode(bookingAgent, deps))
    .addNode('closing', specialistNode(closingAgent, deps))
    .addNode('escalation', specialistNode(escalationAgent, deps))
    .addEdge(START, 'triage')
    .addConditionalEdges('triage', afterTriage, names);
  for (const n of names) builder.addConditionalEdges(n, afterSpecialist, [...names, END]);
  return builder.compile({ checkpointer: deps.checkpointer });
}

export type ConversationGraph = ReturnType<typeof createGraph>;
