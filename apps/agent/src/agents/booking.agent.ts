import { advanceBooking, applyToFrame, emergencyService } from '../flows/booking.flow.ts';
import { heard, plainYes, take, words } from '../flows/flow-kit.ts';
import { advanceManaging, startManaging } from '../flows/manage-booking.flow.ts';
import { checkCode, isVerified, sendCode } from '../flows/verification.flow.ts';
import type { Command } from '../dialogue/commands.ts';
import type { AgentDefinition, AgentEnv } from './agent.ts';

/** Commands the booking agent acts on while one of its flows is in progress. */
export const BOOKING_COMMANDS = [
  'start_flow',
  'set_service',
  'set_when',
  'choose_offer',
  'correction',
  'set_name',
  'affirm',
  'deny',
  'emergency',
  'cancel_flow',
  'verify_code',
  'join_waitlist',
] as const;

async function bookingTurn(env: AgentEnv) {
  const { work } = env;
  const p = words(env);
  const queue: Command[] = take(env, BOOKING_COMMANDS);
  const d = work.bookingDraft;
  while (queue.length) {
    const c = queue.shift()!;
    if (c.type === 'cancel_flow') {
      work.bookingDraft = { offers: [], booked: d.booked, existing: d.existing };
      env.say(`${p.notBooked()} ${p.anythingElse()}`);
      work.expecting = 'anything_else';
      return;
    }
    if (c.type === 'start_flow') {
      if (c.flow === 'book') {
        if (d.flow !== 'book') {
          work.bookingDraft = { offers: [], booked: d.booked, existing: d.existing, flow: 'book' };
        }
        continue;
      }
      if (c.flow === d.flow) continue; // "yes cancel it": the flow in progress, not a new one
      // Hearing or changing a booking needs a caller who owns the number.
      if (!isVerified(env)) {
        // What else they said ("...on Thursday") is kept for after the code.
        sendCode(
          env,
          c.flow,
          queue.filter((x) => x.type === 'set_when' || x.type === 'set_service'),
        );
        return;
      }
      if (await startManaging(env, c.flow, queue)) return;
      // The service or day that picked the booking is not a new wish for it.
      if (c.flow === 'cancel')
        queue.splice(
          0,
          queue.length,
          ...queue.filter((x) => x.type !== 'set_when' && x.type !== 'set_service'),
        );
      else queue.splice(0, queue.length, ...queue.filter((x) => x.type !== 'set_service'));
      continue;
    }
    if (c.type === 'verify_code') {
      const resumed = checkCode(env, c.code);
      if (!resumed) return;
      queue.unshift({ type: 'start_flow', flow: resumed.flow }, ...resumed.commands);
      continue;
    }
    if (c.type === 'emergency') {
      if (!emergencyService(env)) {
        // Nothing to book for it here: a person decides.
        env.work.todo = [{ type: 'human_handoff', reason: 'emergency' }, ...env.work.todo];
        return;
      }
      if (work.bookingDraft.flow !== 'book') work.bookingDraft.flow = 'book';
      env.say(p.emergency());
    }
    if (
      (c.type === 'set_service' || c.type === 'set_when' || c.type === 'join_waitlist') &&
      !work.bookingDraft.flow
    )
      work.bookingDraft.flow = 'book';
    applyToFrame(env, c);
  }
  // "No, 10 not 9" is a correction, not a refusal.
  const corrected =
    heard(env, 'set_when') || heard(env, 'choose_offer') || heard(env, 'set_service');
  const opts = { affirmed: plainYes(work), denied: heard(env, 'deny') && !corrected };
  const flow = work.bookingDraft.flow;
  if (flow === 'cancel' || flow === 'reschedule') await advanceManaging(env, opts);
  else if (flow === 'book') await advanceBooking(env, opts);
  else if (!work.out.replies.length) {
    // A yes to "would you like to book?" starts the booking; anything else finds no flow here.
    if (opts.affirmed && (work.expecting === 'book_offer' || work.expecting === null)) {
      work.bookingDraft.flow = 'book';
      await advanceBooking(env, { affirmed: false, denied: false });
    } else env.handOver('qualification');
  }
}

export const bookingAgent: AgentDefinition = {
  name: 'booking',
  instructions: `Books, moves and cancels appointments in the business's real calendar: the service, the day and time (offered from real free slots, nearest to what the caller asked), the caller's name, a read-back, then the booking on a plain yes.`,
  commands: BOOKING_COMMANDS,
  async handle(env) {
    try {
      await bookingTurn(env);
    } catch (err) {
      env.services.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'booking failed',
      );
      env.work.out.toolFailed = true;
      env.say(words(env).bookingTrouble());
      env.work.expecting = 'handoff_offer';
    }
  },
};
