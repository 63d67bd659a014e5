import { zonedTimeToUtc } from '@receptionist/domain';
import type { AgentEnv } from '../agents/agent.ts';
import { spokenDay } from '../booking/spoken-time.ts';
import { ask, heard, resetFrame, spokenAt, words } from './flow-kit.ts';

/**
 * The waitlist of a full day, inside the booking flow: offered beside the other free times when
 * the day the caller named has nothing left, joined on their word ("put me on the list", or a
 * plain yes to the offer just made), once per day and service, and the other times stay on
 * offer. The brain only says the caller asked; whether a day is full, which day and what is
 * written are decided here.
 */

/** The waitlist is asked for this turn: said so, or a plain yes to the offer just made. */
function wanted(env: AgentEnv, affirmed: boolean): boolean {
  if (heard(env, 'join_waitlist')) return true;
  const w = env.work.bookingDraft.waitlist;
  return affirmed && !!w?.day && !w.joined && w.offeredAtTurn === env.work.turn - 1;
}

/** A local date said as the caller hears days: "Thursday", "jeudi", "el jueves". */
function spokenDate(env: AgentEnv, day: string): string {
  const { timezone } = env.ctx.tenant;
  return spokenDay(
    zonedTimeToUtc(day, '12:00', timezone),
    timezone,
    env.ctx.now,
    env.work.language,
  );
}

/**
 * Before the times on offer are taken: the caller asks for the waitlist of the full day (joined),
 * or for a waitlist with no day in play (asked which; the search then decides), or turns down the
 * other times after joining. True when this turn is answered.
 */
export async function answerWaitlist(
  env: AgentEnv,
  opts: { affirmed: boolean; denied: boolean },
): Promise<boolean> {
  const { work } = env;
  const d = work.bookingDraft;
  const w = d.waitlist;
  if (w?.joined && opts.denied && !d.startsAt && d.offers.length) {
    // "No thanks" to the other times: the waitlist was all they wanted.
    resetFrame(env);
    ask(env, 'anything_else', words(env).anythingElse(), true);
    return true;
  }
  if (!wanted(env, opts.affirmed)) return false;
  if (w?.day) {
    await join(env, w.day);
    return true;
  }
  d.waitlist = { wanted: true };
  if (d.wish?.date) return false;
  ask(env, 'when', words(env).waitlistWhichDay(), true);
  return true;
}

/**
 * The search found the named day full: the caller who asked for its waitlist is put on it, anyone
 * else hears it offered beside the other times (`times`, maybe none).
 */
export async function answerFullDay(
  env: AgentEnv,
  day: string,
  service: string,
  times: string[],
): Promise<void> {
  const d = env.work.bookingDraft;
  const p = words(env);
  const full = p.dayFull(spokenDate(env, day));
  if (d.waitlist?.wanted || heard(env, 'join_waitlist')) {
    await join(env, day, `${full} `);
    return;
  }
  d.waitlist = { day, offeredAtTurn: env.work.turn };
  const spoken = spokenDate(env, day);
  if (times.length)
    ask(env, 'choice', `${full} ${p.offerOrWaitlist(service, times, spoken)}`, true);
  else ask(env, 'when', `${full} ${p.onlyWaitlist(service, spoken)}`, true);
}

/** Puts the caller on the day's waitlist (a second ask finds them on it) and says so. */
async function join(env: AgentEnv, day: string, before = ''): Promise<void> {
  const { ctx, work } = env;
  const d = work.bookingDraft;
  const p = words(env);
  const r = await env.services.bookings.joinWaitlist(ctx.tenant.id, {
    contactId: ctx.contactId,
    phone: ctx.callerPhone,
    name: d.name ?? work.lead.name ?? null,
    service: d.service ?? '',
    day,
    language: ctx.tenant.languages.find((l) => l.startsWith(work.language)) ?? null,
  });
  const joined = `${before}${p.waitlistJoined(spokenDate(env, day), !r.created)}`;
  const times = d.offers.map((o) => spokenAt(env, o));
  if (times.length) {
    // They may still take another time on this call; the waitlist stays.
    d.waitlist = { day, joined: true };
    ask(env, 'choice', `${joined} ${p.meanwhile(times)}`, true);
    return;
  }
  resetFrame(env);
  ask(env, 'anything_else', `${joined} ${p.anythingElse()}`, true);
}
