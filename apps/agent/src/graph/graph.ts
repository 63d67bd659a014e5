import {
  Annotation,
  END,
  START,
  StateGraph,
  type LangGraphRunnableConfig,
} from '@langchain/langgraph';
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { AgentName } from '@receptionist/domain';
import { agentEnv, type AgentDefinition } from '../agents/agent.ts';
import type {
  BookingDraft,
  ChatLine,
  ConversationState,
  EscalationState,
  Lead,
  TurnContext,
  TurnOutput,
} from '../agents/agent.types.ts';
import { bookingAgent } from '../agents/booking.agent.ts';
import { closingAgent } from '../agents/closing.agent.ts';
import { escalationAgent } from '../agents/escalation.agent.ts';
import { faqAgent } from '../agents/faq.agent.ts';
import { objectionHandlerAgent } from '../agents/objection-handler.agent.ts';
import { qualificationAgent } from '../agents/qualification.agent.ts';
import { routeTurn } from '../agents/triage.agent.ts';
import { looksLikeOverride } from '../brains/language.ts';
import type { ClaudeBrain } from '../brains/claude.brain.ts';
import type { AgentServices } from '../tools/tool.ts';

/** How many specialists may speak in one turn (FAQ answers, then booking offers slots, ...). */
const MAX_HOPS = 3;
const HISTORY_KEPT = 40;

const last = <T>(init: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: init });

export const emptyOutput = (): TurnOutput => ({
  replies: [],
  actions: [],
  agent: 'triage',
  usedKnowledge: [],
  toolFailed: false,
  smsSent: false,
});

/** The conversation's state: every field is replaced whole by the node that writes it. */
export const ConversationAnnotation = Annotation.Root({
  messages: last<ChatLine[]>(() => []),
  lead: last<Lead>(() => ({})),
  currentAgent: last<AgentName>(() => 'triage'),
  next: last<AgentName | null>(() => null),
  hops: last<number>(() => 0),
  turn: last<number>(() => 0),
  bookingDraft: last<BookingDraft>(() => ({ offers: [] })),
  asked: last<string | null>(() => null),
  escalationState: last<EscalationState>(() => ({ escalated: false, awaitingMessage: false })),
  out: last<TurnOutput>(emptyOutput),
});

export const SPECIALISTS: Record<Exclude<AgentName, 'triage'>, AgentDefinition> = {
  qualification: qualificationAgent,
  faq: faqAgent,
  objection_handler: objectionHandlerAgent,
  booking: bookingAgent,
  closing: closingAgent,
  escalation: escalationAgent,
};

function turnContext(config: LangGraphRunnableConfig): TurnContext {
  const ctx = config.context as TurnContext | undefined;
  if (!ctx) throw new Error('a turn runs with its TurnContext');
  return ctx;
}

// --- nodes: each writes its routing decision into `next` ---

function triageNode(
  state: ConversationState,
  config: LangGraphRunnableConfig,
): Partial<ConversationState> {
  const ctx = turnContext(config);
  ctx.untrusted = looksLikeOverride(ctx.text);
  const messages = [...state.messages];
  if (ctx.interruptedSpokenText !== undefined) {
    // The caller barged in: remember only what they actually heard.
    const i = messages.map((m) => m.role).lastIndexOf('agent');
    if (i >= 0) messages[i] = { ...messages[i]!, text: `${ctx.interruptedSpokenText} …` };
  }
  messages.push({ role: 'caller', text: ctx.text });
  const routed = { ...state, turn: state.turn + 1, messages };
  return {
    messages: messages.slice(-HISTORY_KEPT),
    turn: routed.turn,
    hops: 0,
    out: emptyOutput(),
    next: routeTurn(routed, ctx),
  };
}

function specialistNode(agent: AgentDefinition, deps: GraphDeps) {
  return async (
    state: ConversationState,
    config: LangGraphRunnableConfig,
  ): Promise<Partial<ConversationState>> => {
    const turnCtx = turnContext(config);
    const fresh = (): ConversationState => ({ ...structuredClone(state), next: null });
    let work = fresh();
    // A colleague already spoke this turn: the stream continues their sentence with a space.
    let pendingSpace = state.out.replies.length > 0;
    const emit = turnCtx.onDelta;
    const ctx: TurnContext = {
      ...turnCtx,
      onDelta:
        emit &&
        ((d: string) => {
          if (!d) return;
          emit(pendingSpace ? ` ${d.trimStart()}` : d);
          pendingSpace = false;
        }),
    };
    let answered = false;
    if (ctx.brain.active === 'claude' && deps.claude) {
      answered = await deps.claude.runAgent(
        agent,
        agentEnv({ ctx, work, services: deps.services }, agent.name),
      );
      if (!answered) work = fresh();
    }
    if (!answered) {
      const before = work.out.replies.length;
      await agent.offline(agentEnv({ ctx, work, services: deps.services }, agent.name));
      ctx.brain.used ??= 'offline';
      work.out.replies.slice(before).forEach((r, i) => ctx.onDelta?.(i > 0 ? ` ${r}` : r));
    }
    const said = work.out.replies.slice(state.out.replies.length);
    if (said.length) work.messages.push({ role: 'agent', agent: agent.name, text: said.join(' ') });
    return {
      messages: work.messages.slice(-HISTORY_KEPT),
      lead: work.lead,
      bookingDraft: work.bookingDraft,
      asked: work.asked,
      escalationState: work.escalationState,
      out: work.out,
      next: work.next,
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

export function createGraph(deps: GraphDeps) {
  const names = Object.keys(SPECIALISTS) as Exclude<AgentName, 'triage'>[];
  const builder = new StateGraph(ConversationAnnotation)
    .addNode('triage', triageNode)
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
