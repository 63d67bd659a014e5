import { z } from 'zod';
import { formatMoney } from '@receptionist/domain';
import { spokenTime } from '../booking/spoken-time.ts';
import { defineTool, type ToolEnv } from '../tools/tool.ts';
import type { AgentDefinition } from './agent.ts';

/** The text message the caller gets: built from the booking in state, never from model text. */
export function confirmationSms(env: ToolEnv): string | undefined {
  const b = env.work.bookingDraft.booked;
  if (!b) return undefined;
  const when = spokenTime(new Date(b.startsAt), env.ctx.tenant.timezone, env.ctx.now);
  const base = `${env.ctx.tenant.name}: your ${b.service} is booked for ${when}.`;
  if (b.status !== 'pending_payment') return `${base} Reply C to cancel.`;
  const amount = formatMoney({ amountMinor: b.depositAmountMinor, currency: b.currency });
  return b.depositUrl
    ? `${base} Please pay the ${amount} deposit to hold it: ${b.depositUrl}`
    : `${base} A ${amount} deposit holds it; the team will send you payment details.`;
}

function sendConfirmation(env: ToolEnv): { sent: boolean } {
  const body = confirmationSms(env);
  if (!body || env.work.out.smsSent) return { sent: false };
  // One confirmation text per booking: the booking workflow's, when it sends one.
  if (env.work.bookingDraft.booked?.confirmationTexted) {
    env.work.out.smsSent = true;
    return { sent: true };
  }
  env.work.out.actions.push({ type: 'send_sms', to: env.ctx.callerPhone, body });
  env.work.out.smsSent = true;
  return { sent: true };
}

/** Asks the gateway for the deposit link of the booking made in this conversation. */
export async function depositLink(env: ToolEnv): Promise<string | undefined> {
  const b = env.work.bookingDraft.booked;
  if (!b || b.status !== 'pending_payment') return undefined;
  if (!b.depositUrl) {
    const link = await env.services.bookings.createDepositLink(env.ctx.tenant.id, b.bookingId);
    if (link) b.depositUrl = link.url;
  }
  return b.depositUrl;
}

export const createDepositLinkTool = defineTool({
  name: 'create_deposit_link',
  description:
    'Create the payment link for the deposit of the booking made in this call, before sending the confirmation SMS.',
  input: z.object({}),
  run: async (_input, env) => {
    const url = await depositLink(env);
    return url
      ? { created: true }
      : {
          created: false,
          note: 'No payment link can be created; tell the caller the team will send the payment details.',
        };
  },
});

export const sendConfirmationSmsTool = defineTool({
  name: 'send_confirmation_sms',
  description:
    'Text the caller the confirmation of the booking made in this call (with the deposit details when one is due).',
  input: z.object({}),
  run: async (_input, env) => sendConfirmation(env),
});

export const endCallTool = defineTool({
  name: 'end_call',
  description: 'End the call after saying goodbye.',
  input: z.object({}),
  run: async (_input, env) => {
    if (env.ctx.channel === 'voice') env.work.out.actions.push({ type: 'end_call' });
    return { ended: env.ctx.channel === 'voice' };
  },
});

export const closingAgent: AgentDefinition = {
  name: 'closing',
  instructions: `You wrap up. If a booking was made in this conversation, recap it in one sentence; when a deposit is due call create_deposit_link, then call send_confirmation_sms. Then ask whether there is anything else.
When the caller has nothing else, thank them, say goodbye and call end_call.`,
  tools: [createDepositLinkTool, sendConfirmationSmsTool, endCallTool],
  async offline(env) {
    const { ctx, work } = env;
    const b = work.bookingDraft.booked;
    const justBooked =
      b && !work.out.smsSent && work.out.actions.some((a) => a.type.startsWith('booking_'));
    if (justBooked) {
      await depositLink(env).catch(() => undefined);
      sendConfirmation(env);
      const deposit =
        b.status === 'pending_payment'
          ? ` We ask for a ${formatMoney({ amountMinor: b.depositAmountMinor, currency: b.currency })} deposit to hold it; ${b.depositUrl ? "I've texted you the link" : 'the team will text you the payment details'}.`
          : '';
      env.say(
        `I've sent the details to your phone.${deposit} Is there anything else I can help with?`,
      );
      return;
    }
    env.say(`Thank you for calling ${ctx.tenant.name}. Have a great day!`);
    if (ctx.channel === 'voice') work.out.actions.push({ type: 'end_call' });
  },
};
