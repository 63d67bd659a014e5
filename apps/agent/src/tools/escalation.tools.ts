import type { ConversationState, TurnContext } from '../graph/conversation-state.annotation.ts';
import { createEscalation } from '@receptionist/db';
import type { AgentServices } from './tool.ts';

export function callSummary(work: ConversationState): string {
  const l = work.lead;
  const parts = [
    l.name && `Caller: ${l.name}`,
    (l.service || l.reason) && `About: ${l.service ?? l.reason}`,
    l.urgency === 'high' && 'Urgent',
    work.bookingDraft.booked &&
      `Booked ${work.bookingDraft.booked.service} at ${work.bookingDraft.booked.startsAt}`,
  ].filter(Boolean);
  const lastCaller = [...work.messages].reverse().find((m) => m.role === 'caller');
  if (lastCaller) parts.push(`Last said: "${lastCaller.text.slice(0, 200)}"`);
  return parts.join('. ');
}

export async function transferToHuman(
  env: { ctx: TurnContext; work: ConversationState; services: AgentServices },
  reason: string,
) {
  const { ctx, work, services } = env;
  const to = ctx.tenant.escalationPhone;
  if (!to) return { transferred: false, reason: 'no one is available to take the call' };
  const summary = callSummary(work);
  await createEscalation(services.db, ctx.tenant.id, {
    callId: ctx.callId,
    conversationId: ctx.conversationRowId,
    contactId: ctx.contactId,
    kind: 'transfer',
    reason,
    summary,
  });
  work.escalationState.escalated = true;
  work.out.actions.push({ type: 'transfer', to, summary });
  return { transferred: true };
}

export async function takeMessage(
  env: { ctx: TurnContext; work: ConversationState; services: AgentServices },
  message: string,
) {
  const { ctx, work, services } = env;
  const summary = `${callSummary(work)}. Message: ${message}`.replace(/^\. /, '');
  await createEscalation(services.db, ctx.tenant.id, {
    callId: ctx.callId,
    conversationId: ctx.conversationRowId,
    contactId: ctx.contactId,
    kind: 'message',
    reason: 'callback requested',
    summary,
  });
  work.escalationState.escalated = true;
  work.escalationState.awaitingMessage = false;
  work.out.actions.push({ type: 'take_message', summary });
  return { messageTaken: true };
}
