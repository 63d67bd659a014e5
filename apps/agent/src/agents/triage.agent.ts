import type { AgentName, Tenant } from '@receptionist/domain';
import type { Command } from '../dialogue/commands.ts';
import type { ConversationState } from '../graph/conversation-state.annotation.ts';

type Specialist = Exclude<AgentName, 'triage'>;

/**
 * Triage decides which agent owns each command the brain heard, in the state the conversation is
 * in: a bare "yes" belongs to whoever asked the question, a time to the booking in progress, a
 * question to the FAQ agent. Pure and instant: routing costs no model call.
 */
export function ownerOf(c: Command, state: ConversationState, tenant: Tenant): Specialist {
  const flow = state.bookingDraft.flow;
  const expecting = state.expecting;
  switch (c.type) {
    case 'start_flow':
    case 'set_service':
    case 'set_when':
    case 'choose_offer':
    case 'correction':
    case 'verify_code':
    case 'join_waitlist':
      return 'booking';
    case 'emergency':
      return tenant.services.some((s) => /emergenc|urgent/i.test(s.name))
        ? 'booking'
        : 'escalation';
    case 'set_name':
      return flow ? 'booking' : 'qualification';
    case 'set_returning':
      return 'qualification';
    case 'cancel_flow':
      return flow ? 'booking' : 'closing';
    case 'affirm':
    case 'deny':
      if (expecting === 'handoff_offer') return 'escalation';
      if (expecting === 'anything_else') return c.type === 'deny' ? 'closing' : 'qualification';
      if (expecting === 'returning') return 'qualification';
      if (expecting === 'book_offer') return c.type === 'affirm' ? 'booking' : 'closing';
      if (flow) return 'booking';
      return c.type === 'affirm' ? 'booking' : 'closing';
    case 'knowledge':
      return 'faq';
    case 'objection':
      return 'objection_handler';
    case 'human_handoff':
    case 'leave_message':
      return 'escalation';
    case 'goodbye':
      return 'closing';
    case 'repeat':
    case 'chitchat':
    case 'clarify':
    case 'override_attempt':
      if (expecting === 'message') return 'escalation';
      return flow ? 'booking' : 'qualification';
  }
}

/**
 * Who speaks next this turn: the owner of the first command nobody has acted on yet; or, after a
 * digression (a question answered in the middle of a booking), the booking agent again, so the
 * flow resumes where it was.
 */
export function nextSpeaker(
  state: ConversationState,
  tenant: Tenant,
  justSpoke: Specialist,
  spokeThisTurn: ReadonlySet<Specialist>,
): Specialist | null {
  const first = state.todo[0];
  if (first) return ownerOf(first, state, tenant);
  const handedOff = state.out.actions.some((a) => a.type === 'transfer' || a.type === 'end_call');
  if (
    state.bookingDraft.flow &&
    !handedOff &&
    justSpoke !== 'booking' &&
    !spokeThisTurn.has('booking') &&
    state.expecting !== 'handoff_offer' &&
    state.expecting !== 'message'
  )
    return 'booking';
  return null;
}
