import { spokenTime } from '../booking/spoken-time.ts';
import type { ToolEnv } from '../tools/tool.ts';
import { ask, spokenAt, spokenMoney, take, words } from '../flows/flow-kit.ts';
import type { AgentDefinition } from './agent.ts';

/** The text message the caller gets: built from the booking in state, never from model text. */
export function confirmationSms(env: ToolEnv): string | undefined {
  const b = env.work.bookingDraft.booked;
  if (!b) return undefined;
  const when = spokenTime(
    new Date(b.startsAt),
    env.ctx.tenant.timezone,
    env.ctx.now,
    env.work.language,
  );
  const base = `${env.ctx.tenant.name}: your ${b.service} is booked for ${when}.`;
  if (b.status !== 'pending_payment') return `${base} Reply C to cancel.`;
  const amount = spokenMoney(env, b.depositAmountMinor, b.currency);
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

/**
 * Wraps up: after a booking, the recap and the one confirmation text (unless the booking workflow
 * texted it); on goodbye, thanks and the end of the call. A flow left unfinished books nothing.
 */
export const closingAgent: AgentDefinition = {
  name: 'closing',
  instructions: `Recaps a booking just made (the deposit link or confirmation is texted), asks whether there is anything else, and says goodbye and ends the call when the caller is done.`,
  commands: ['goodbye', 'deny'],
  async handle(env) {
    const { ctx, work } = env;
    const p = words(env);
    const b = work.bookingDraft.booked;
    const justBooked =
      b && !work.out.smsSent && work.out.actions.some((a) => a.type.startsWith('booking_'));
    if (justBooked) {
      await depositLink(env).catch(() => undefined);
      const texted =
        sendConfirmation(env).sent && (Boolean(b.depositUrl) || b.status !== 'pending_payment');
      const when = spokenAt(env, b.startsAt);
      const amount = spokenMoney(env, b.depositAmountMinor, b.currency);
      env.say(
        b.status === 'pending_payment'
          ? p.bookedDeposit(when, amount, texted)
          : p.bookedConfirmed(when),
      );
      if (!take(env, ['goodbye']).length) {
        ask(env, 'anything_else', p.anythingElse(), true);
        return;
      }
    } else take(env, ['goodbye', 'deny']);
    work.bookingDraft = {
      offers: [],
      booked: work.bookingDraft.booked,
      existing: work.bookingDraft.existing,
    };
    work.todo = [];
    work.expecting = null;
    env.say(p.goodbye(ctx.tenant.name));
    if (ctx.channel === 'voice') work.out.actions.push({ type: 'end_call' });
  },
};
