import { localDateOf, localTimeOf } from '@receptionist/domain';
import type { AgentEnv } from '../agents/agent.ts';
import { resolveService } from '../booking/booking.gateway.ts';
import type { Command } from '../dialogue/commands.ts';
import { lookupBookings, requestCancel, requestReschedule } from '../tools/booking.tools.ts';
import { ask, spokenAt, words } from './flow-kit.ts';
import { searchSlots } from './slot-search.ts';

/**
 * Cancelling or moving a booking the caller already has: look it up by their number, read the
 * change back, and make it on a plain yes (the confirmation gate checks that in code).
 */

/**
 * Starts cancel, reschedule or lookup on the caller's next booking. Says something (and returns
 * true) only when there is nothing to change or the caller only asked; otherwise the flow's next
 * step speaks, after the rest of the turn's commands (a new time) were applied.
 */
export async function startManaging(
  env: AgentEnv,
  flow: 'cancel' | 'reschedule' | 'lookup',
  hints: Command[] = [],
): Promise<boolean> {
  const p = words(env);
  const d = env.work.bookingDraft;
  const found = await lookupBookings(env);
  if (!found.length) {
    d.flow = undefined;
    ask(env, 'book_offer', p.noBookingFound(), true);
    return true;
  }
  if (flow === 'lookup') {
    env.say(p.yourBookings(found.map((b) => `${b.service} ${spokenAt(env, b.startsAt)}`)));
    ask(env, 'anything_else', p.anythingElse(), true);
    return true;
  }
  const target = pickTarget(env, found, flow, hints);
  d.flow = flow;
  d.offers = [];
  delete d.startsAt;
  delete d.pending;
  if (flow === 'cancel') {
    // Marks what is to be cancelled; the read-back is the flow's next step.
    await requestCancel(env, target.bookingId);
    return false;
  }
  d.rescheduling = target.bookingId;
  d.service = target.service;
  delete d.wish;
  return false;
}

/**
 * Which of the caller's bookings they mean: the one of the service they named, or (for a
 * cancel) on the day they named; else the next one. A day said with a move is the new day.
 */
function pickTarget<B extends { service: string; startsAt: string }>(
  env: AgentEnv,
  found: B[],
  flow: 'cancel' | 'reschedule',
  hints: Command[],
): B {
  const tz = env.ctx.tenant.timezone;
  for (const h of hints) {
    if (h.type === 'set_service') {
      const s = resolveService(env.ctx.tenant, h.service)?.name;
      const hit = found.find((b) => b.service === s);
      if (hit) return hit;
    }
    if (h.type === 'set_when' && h.wish.date && flow === 'cancel') {
      const hit = found.find((b) => localDateOf(new Date(b.startsAt), tz) === h.wish.date);
      if (hit) return hit;
    }
  }
  return found[0]!;
}

/** The next step of a cancel or a move, after this turn's commands were applied. */
export async function advanceManaging(
  env: AgentEnv,
  opts: { affirmed: boolean; denied: boolean },
): Promise<void> {
  const p = words(env);
  const d = env.work.bookingDraft;
  const pending = d.pending;
  if (pending && opts.denied) {
    delete d.pending;
    finish(env, p.unchanged());
    return;
  }
  if (pending?.action === 'cancel') {
    const r = await requestCancel(env, pending.key);
    if (r.status === 'cancelled') finish(env, p.cancelled());
    else if (r.status === 'confirmation_required') {
      const b = d.existing?.find((x) => x.bookingId === pending.key);
      ask(
        env,
        'confirm',
        p.confirmCancel(b?.service ?? '', spokenAt(env, b?.startsAt ?? new Date())),
        true,
      );
    } else finish(env, p.unchanged());
    return;
  }
  const moving = d.existing?.find((b) => b.bookingId === d.rescheduling);
  if (!moving) {
    finish(env, p.unchanged());
    return;
  }
  if (pending?.action === 'reschedule' && !d.startsAt) d.startsAt = pending.key.split('|')[1];
  // A yes to the times on offer takes the first; the read-back still asks.
  if (!d.startsAt && d.offers.length && opts.affirmed) d.startsAt = d.offers[0];
  if (!d.startsAt) {
    if (!d.wish) {
      if (ask(env, 'when', p.askNewTime(moving.service, spokenAt(env, moving.startsAt)))) return;
      // Asked twice: the nearest free times to the one they have.
      d.wish = { time: sameTimeOf(env, moving.startsAt), approx: true };
    }
    if (d.offers.length) {
      if (
        ask(
          env,
          'choice',
          p.offer(
            moving.service,
            d.offers.map((o) => spokenAt(env, o)),
          ),
        )
      )
        return;
      d.startsAt = d.offers[0];
    }
  }
  if (!d.startsAt) {
    // A move names what changes: a new day keeps the appointment's time, a new time its day.
    const w = d.wish!;
    const namesTime = Boolean(w.time || w.after || w.before);
    const wish = namesTime
      ? w.date || w.earliest
        ? w
        : { ...w, date: localDateOf(new Date(moving.startsAt), env.ctx.tenant.timezone) }
      : { ...w, time: sameTimeOf(env, moving.startsAt) };
    const found = await searchSlots(env, moving.service, wish);
    if (found.exact) d.startsAt = found.exact.startsAt.toISOString();
    else {
      d.offers = found.offers.map((s) => s.startsAt.toISOString());
      const note = found.closedNote ? `${found.closedNote} ` : '';
      if (!d.offers.length) {
        d.wish = undefined;
        ask(env, 'when', `${note}${p.nothingFree(moving.service, true)}`, true);
      } else
        ask(
          env,
          'choice',
          `${note}${p.offer(
            moving.service,
            d.offers.map((o) => spokenAt(env, o)),
          )}`,
          true,
        );
      return;
    }
  }
  const r = await requestReschedule(env, moving.bookingId, d.startsAt);
  switch (r.status) {
    case 'confirmation_required':
      ask(env, 'confirm', p.confirmMove(moving.service, spokenAt(env, d.startsAt)), true);
      return;
    case 'rescheduled':
      delete d.rescheduling;
      finish(env, p.moved(r.when));
      return;
    case 'slot_taken':
      delete d.startsAt;
      d.offers = [];
      ask(
        env,
        'when',
        p.slotTaken([]).split('.')[0] +
          '. ' +
          p.askNewTime(moving.service, spokenAt(env, moving.startsAt)),
        true,
      );
      return;
    default:
      finish(env, `${p.usualTerms()} ${p.unchanged()}`);
  }
}

const sameTimeOf = (env: AgentEnv, iso: string) =>
  localTimeOf(new Date(iso), env.ctx.tenant.timezone);

function finish(env: AgentEnv, said: string) {
  const d = env.work.bookingDraft;
  env.work.bookingDraft = { offers: [], booked: d.booked, existing: d.existing };
  env.say(said);
  ask(env, 'anything_else', words(env).anythingElse(), true);
}
