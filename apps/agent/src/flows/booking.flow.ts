import { depositDue, localDateOf, type Wish } from '@receptionist/domain';
import type { AgentEnv } from '../agents/agent.ts';
import { resolveService } from '../booking/booking.gateway.ts';
import type { Command } from '../dialogue/commands.ts';
import { requestBooking } from '../tools/booking.tools.ts';
import { spokenClock } from '../booking/spoken-time.ts';
import { ask, resetFrame, spokenAt, spokenMoney, words } from './flow-kit.ts';
import { closedSentence, resolveShift, searchSlots } from './slot-search.ts';
import { answerFullDay, answerWaitlist } from './waitlist.flow.ts';

/**
 * The booking flow: fills the frame (service, time, name) from whatever the caller said, asks only
 * for what is missing, reads the booking back and books on a plain yes. Deterministic: the brain
 * only supplies commands, so no words can skip the read-back or the deposit.
 */

export function emergencyService(env: AgentEnv): string | undefined {
  return env.ctx.tenant.services.find((s) => /emergenc|urgent/i.test(s.name))?.name;
}

/** A newer wish replaces what it names and keeps the rest ("make it 11" keeps the day). */
export function mergeWish(old: Wish | undefined, next: Wish): Wish {
  if (!old) return next;
  const dayChanged = next.date !== undefined || next.earliest;
  const timeChanged =
    next.time !== undefined || next.after !== undefined || next.before !== undefined;
  const merged: Wish = {};
  if (dayChanged) Object.assign(merged, pick(next, ['date', 'days', 'earliest']));
  else Object.assign(merged, pick(old, ['date', 'days', 'earliest']));
  if (timeChanged) Object.assign(merged, pick(next, ['time', 'approx', 'after', 'before']));
  else Object.assign(merged, pick(old, ['time', 'approx', 'after', 'before']));
  // "Around two" after "as soon as possible" asks for a time, not the first free slot.
  if (timeChanged && !next.earliest) delete merged.earliest;
  return merged;
}

/** A new service or day: the full day found before is not theirs now; a waitlist asked for is. */
function forgetFullDay(d: AgentEnv['work']['bookingDraft']): void {
  d.waitlist = d.waitlist?.wanted ? { wanted: true } : undefined;
}

function pick(w: Wish, keys: (keyof Wish)[]): Wish {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (w[k] !== undefined) out[k] = w[k];
  return out as Wish;
}

/** Applies one booking command to the frame; commands of other flows change nothing here. */
export function applyToFrame(env: AgentEnv, c: Command): void {
  const d = env.work.bookingDraft;
  switch (c.type) {
    case 'set_service': {
      const s = resolveService(env.ctx.tenant, c.service)?.name;
      if (s && s !== d.service) {
        d.service = s;
        d.offers = [];
        delete d.startsAt;
        delete d.pending;
        forgetFullDay(d);
      }
      return;
    }
    case 'set_when': {
      // A time alone after a day was picked ("Thursday" then "around two") keeps that day.
      const chosenDay = d.startsAt
        ? localDateOf(new Date(d.startsAt), env.ctx.tenant.timezone)
        : undefined;
      const base = chosenDay && !d.wish?.date ? { ...d.wish, date: chosenDay } : d.wish;
      // "An hour later" is relative to the appointment being moved, else to the time in play.
      const moving = d.existing?.find((b) => b.bookingId === d.rescheduling)?.startsAt;
      const wish = resolveShift(
        c.wish,
        moving ?? d.startsAt ?? d.offers[0],
        env.ctx.tenant.timezone,
      );
      d.wish = mergeWish(base, wish);
      d.offers = [];
      delete d.startsAt;
      delete d.pending;
      forgetFullDay(d);
      return;
    }
    case 'choose_offer': {
      const i = c.relative === 'last' ? d.offers.length - 1 : c.relative === 'first' ? 0 : c.index;
      const chosen = i === undefined ? undefined : d.offers[i];
      if (chosen) {
        d.startsAt = chosen;
        delete d.pending;
      }
      return;
    }
    case 'set_name':
      d.name = c.name;
      env.work.lead = { ...env.work.lead, name: c.name };
      return;
    case 'emergency': {
      const s = emergencyService(env);
      if (s && d.service !== s) {
        d.service = s;
        d.wish = { earliest: true };
        d.offers = [];
        delete d.startsAt;
        delete d.pending;
      }
      return;
    }
    default:
      return;
  }
}

/** The next step of a new booking, after this turn's commands were applied. */
export async function advanceBooking(env: AgentEnv, opts: { affirmed: boolean; denied: boolean }) {
  const { ctx, work } = env;
  const d = work.bookingDraft;
  const p = words(env);
  const tenant = ctx.tenant;

  if (depositDue(tenant) && !env.services.paymentsAvailable) {
    // Refused before any read-back: the caller never hears a confirmation we cannot keep.
    resetFrame(env);
    ask(env, 'handoff_offer', p.noPayments(), true);
    return;
  }

  if (d.pending?.action === 'book' && opts.denied) {
    delete d.pending;
    delete d.startsAt;
    d.offers = [];
    // "No thanks, bye": nothing booked, and no question after it; closing says goodbye.
    if (work.heard.some((c) => c.type === 'goodbye')) {
      env.say(p.notBooked());
      d.flow = undefined;
      return;
    }
    ask(env, 'when', `${p.notBooked()} ${p.askWhen(d.service ?? '')}`, true);
    return;
  }

  let note = '';
  if (!d.service && d.wish?.date) {
    // "Can I come in on Sunday?": say we are closed before asking anything else.
    const closed = closedSentence(env, d.wish.date, d.wish.time);
    if (closed) {
      note = `${closed} `;
      const { date: _closedDay, days: _days, ...rest } = d.wish;
      d.wish = Object.keys(rest).length ? rest : undefined;
    }
  }
  if (!d.service && work.lead.service) d.service = resolveService(tenant, work.lead.service)?.name;
  if (!d.service) {
    if (tenant.services.length === 1) d.service = tenant.services[0]!.name;
    else if (!ask(env, 'service', `${note}${p.askService(tenant.services.map((s) => s.name))}`)) {
      d.service = tenant.services[0]!.name;
      env.say(p.defaultService(d.service));
    } else return;
  }
  const service = d.service;
  if (!d.startsAt && (await answerWaitlist(env, opts))) return;

  if (!d.startsAt && d.offers.length) {
    // Times are on offer and the caller neither picked one nor asked for others.
    // A yes to the times on offer takes the first; the read-back lets them change it.
    if (opts.affirmed) d.startsAt = d.offers[0];
    else if (
      !ask(
        env,
        'choice',
        p.offer(
          service,
          d.offers.map((o) => spokenAt(env, o)),
        ),
      )
    ) {
      d.startsAt = d.offers[0];
    } else return;
  }

  if (!d.startsAt) {
    // No day named yet: the next free times, with room to name another day.
    const wish = d.wish ?? { earliest: true };
    const found = await searchSlots(env, service, wish);
    // A waitlist asked for a day that turns out to have room is not kept for the next day named.
    if (!found.fullDay && wish.date) delete d.waitlist;
    if (found.exact) d.startsAt = found.exact.startsAt.toISOString();
    else {
      d.offers = found.offers.map((s) => s.startsAt.toISOString());
      const times = d.offers.map((o) => spokenAt(env, o));
      const note = found.closedNote ? `${found.closedNote} ` : '';
      if (found.fullDay) {
        await answerFullDay(env, found.fullDay, service, times);
        if (!times.length) d.wish = undefined;
        return;
      }
      if (!times.length) {
        ask(env, 'when', `${note}${p.nothingFree(service, Boolean(wish.date))}`, true);
        d.wish = undefined;
        return;
      }
      const asked = wish.time && !wish.approx && !found.closedNote;
      const text = asked
        ? p.notThatTime(askedTime(env, wish), times)
        : d.wish
          ? `${note}${p.offer(service, times)}`
          : p.offerNext(service, times);
      ask(env, 'choice', text, true);
      return;
    }
  }

  if (!d.name) d.name = work.lead.name;
  if (!d.name) {
    if (ask(env, 'name', p.askName(capitalise(spokenAt(env, d.startsAt!))))) return;
    d.name = work.language === 'en' ? 'Guest' : work.language === 'fr' ? 'Invité' : 'Invitado';
  }

  const readBack = p.readBackWhat(service, d.name, spokenAt(env, d.startsAt!));
  const deposit = depositDue(tenant)
    ? p.depositNote(spokenMoney(env, tenant.depositAmountMinor, tenant.currency))
    : undefined;
  const r = await requestBooking(env, {
    service,
    startsAt: d.startsAt!,
    name: d.name,
    readBack,
  });
  switch (r.status) {
    case 'confirmation_required':
      if (!opts.affirmed || !d.pending) {
        ask(env, 'confirm', p.readBack(readBack, deposit), true);
      } else ask(env, 'confirm', p.confirmAgain(readBack), true);
      return;
    case 'refused':
      // Words that tried to change the rules: nothing is booked this turn; the read-back stands.
      d.pending = {
        action: 'book',
        key: `${service}|${new Date(d.startsAt!).toISOString()}`,
        readBack,
        askedAtTurn: work.turn,
      };
      ask(env, 'confirm', `${p.usualTerms()} ${p.readBack(readBack, deposit)}`, true);
      return;
    case 'not_free':
      delete d.startsAt;
      d.offers = [];
      return advanceBooking(env, { affirmed: false, denied: false });
    case 'slot_taken':
      ask(env, 'choice', p.slotTaken(r.alternatives), true);
      return;
    case 'booked':
      d.flow = undefined;
      delete d.wish;
      work.expecting = null;
      env.handOver('closing');
  }
}

function askedTime(env: AgentEnv, wish: Wish): string {
  // The time as they said it; the day is in the offers that follow.
  return spokenClock(wish.time!, env.work.language);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
