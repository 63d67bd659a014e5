import { localDateOf, localTimeOf } from '@receptionist/domain';
import {
  bareName,
  extractName,
  isAffirmative,
  isNegative,
  matchService,
  parseWhen,
} from '../brains/language.ts';
import { pickOffers } from '../booking/slot-offers.ts';
import {
  bookAppointmentTool,
  cancelBookingTool,
  findFreeSlotsTool,
  findSlots,
  lookupBookingTool,
  lookupBookings,
  offerSlots,
  requestBooking,
  requestCancel,
  requestReschedule,
  rescheduleBookingTool,
  spoken,
  type BookOutcome,
} from '../tools/booking.tools.ts';
import { APOLOGY } from '../tools/tool.ts';
import type { AgentDefinition, AgentEnv } from './agent.ts';

function joinOr(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** Which of the offered slots the caller picked: "the first one", "10 o'clock", "Tuesday at 2". */
function pickedOffer(env: AgentEnv): string | undefined {
  const { ctx, work } = env;
  const offers = work.bookingDraft.offers;
  if (!offers.length) return undefined;
  const ord = /\b(first|earliest|soonest|second|third|last|latest)\b/i
    .exec(ctx.text)?.[1]
    ?.toLowerCase();
  if (ord === 'earliest' || ord === 'soonest') return offers[0];
  if (ord === 'last' || ord === 'latest') return offers.at(-1);
  if (ord) return offers[['first', 'second', 'third'].indexOf(ord)];
  const when = parseWhen(ctx.text, ctx.tenant.timezone, ctx.now);
  if (!when?.time) return undefined;
  return offers.find((o) => {
    const at = new Date(o);
    const tz = ctx.tenant.timezone;
    return (
      localTimeOf(at, tz) === when.time &&
      (localDateOf(at, tz) === when.date || !/\d|day|tomorrow/i.test(ctx.text))
    );
  });
}

async function proposeSlots(env: AgentEnv, service: string, date?: string, prefix = '') {
  const offers = await offerSlots(env, service, date);
  if (!offers.length) {
    env.say(
      `${prefix}I'm sorry, I have nothing free ${date ? 'that day' : 'in the coming week'} for a ${service}. Would another day work, or shall I have someone call you back?`,
    );
    return;
  }
  env.say(
    `${prefix}For a ${service} I can offer ${joinOr(offers.map((o) => spoken(env, o.startsAt)))}. Which would suit you?`,
  );
}

function sayOutcome(env: AgentEnv, r: BookOutcome) {
  switch (r.status) {
    case 'confirmation_required':
      env.say(`Just to confirm: ${r.readBack}. Shall I book that?`);
      return;
    case 'refused':
      env.say(
        "I'm sorry, I can only book appointments under our usual terms. Would you like me to book one of those times for you?",
      );
      return;
    case 'not_free':
      env.say("I'm sorry, that time isn't available.");
      return;
    case 'slot_taken':
      env.say(
        `I'm sorry, that time was just taken. I can offer ${joinOr(r.alternatives)}. Which would suit you?`,
      );
      return;
    case 'booked':
      env.say(`You're all set for ${r.when}.`);
      env.handOver('closing');
  }
}

async function moveTo(
  env: AgentEnv,
  bookingId: string,
  service: string,
  date: string,
  time: string,
) {
  const { ctx } = env;
  const slots = await findSlots(env, service, date);
  const exact = slots.find((s) => localTimeOf(s.startsAt, ctx.tenant.timezone) === time);
  if (!exact) {
    const offers = pickOffers(slots, ctx.tenant.timezone, 2).map((s) => spoken(env, s.startsAt));
    env.say(
      offers.length
        ? `I'm sorry, that time isn't free. I can offer ${joinOr(offers)}. Which would suit you?`
        : "I'm sorry, we have nothing free that day. Which other day would suit you?",
    );
    return;
  }
  const r = await requestReschedule(env, bookingId, exact.startsAt.toISOString());
  if (r.status === 'confirmation_required') env.say(`Just to confirm: ${r.readBack}?`);
  else env.say("I'm sorry, I can't change that booking right now.");
}

async function manageExisting(env: AgentEnv): Promise<boolean> {
  const { ctx, work } = env;
  const draft = work.bookingDraft;
  const pending = draft.pending;
  if ((pending?.action === 'cancel' || pending?.action === 'reschedule') && isNegative(ctx.text)) {
    delete draft.pending;
    env.say("Alright, I haven't changed anything. Is there anything else I can help with?");
    return true;
  }
  if (pending?.action === 'cancel') {
    const r = await requestCancel(env, pending.key);
    if (r.status === 'cancelled')
      env.say("Done, I've cancelled it. Is there anything else I can help with?");
    else if (r.status === 'confirmation_required') env.say(`Just to confirm: ${r.readBack}?`);
    else env.say("Alright, I haven't changed anything.");
    return true;
  }
  if (pending?.action === 'reschedule') {
    const [bookingId, startsAt] = pending.key.split('|') as [string, string];
    const r = await requestReschedule(env, bookingId, startsAt);
    if (r.status === 'rescheduled') {
      delete draft.rescheduling;
      env.say(`Done, your booking is now ${r.when}. Is there anything else I can help with?`);
    } else if (r.status === 'slot_taken')
      env.say("I'm sorry, that time was just taken. Which other time would suit you?");
    else if (r.status === 'confirmation_required') env.say(`Just to confirm: ${r.readBack}?`);
    else env.say("Alright, I haven't changed anything.");
    return true;
  }
  const when = parseWhen(ctx.text, ctx.tenant.timezone, ctx.now);
  const moving = draft.existing?.find((b) => b.bookingId === draft.rescheduling);
  if (moving && when?.time) {
    await moveTo(env, moving.bookingId, moving.service, when.date, when.time);
    return true;
  }
  const cancel = /\bcancel\b/i.test(ctx.text);
  const move = /\b(reschedule|move my|change my (appointment|booking))\b/i.test(ctx.text);
  if (!cancel && !move) return false;
  const found = await lookupBookings(env);
  if (!found[0]) {
    env.say(
      "I can't find an upcoming booking for the number you're calling from. Would you like to make one?",
    );
    return true;
  }
  if (move) {
    draft.rescheduling = found[0].bookingId;
    if (when?.time) await moveTo(env, found[0].bookingId, found[0].service, when.date, when.time);
    else
      env.say(
        `I see your ${found[0].service} ${found[0].when}. What day and time would suit you instead?`,
      );
    return true;
  }
  const r = await requestCancel(env, found[0].bookingId);
  if (r.status === 'confirmation_required')
    env.say(`I see your ${found[0].service} ${found[0].when}. Shall I cancel it?`);
  else env.say("I'm sorry, I can't cancel that right now.");
  return true;
}

async function offlineBooking(env: AgentEnv) {
  const { ctx, work } = env;
  const draft = work.bookingDraft;
  if (await manageExisting(env)) return;

  if (draft.pending?.action === 'book' && draft.service && draft.startsAt && draft.name) {
    if (isAffirmative(ctx.text) || ctx.untrusted) {
      sayOutcome(
        env,
        await requestBooking(env, {
          service: draft.service,
          startsAt: draft.startsAt,
          name: draft.name,
        }),
      );
      return;
    }
    if (isNegative(ctx.text)) {
      delete draft.pending;
      delete draft.startsAt;
    }
  }

  const service =
    matchService(ctx.tenant, ctx.text) ??
    draft.service ??
    work.lead.service ??
    (ctx.tenant.services.length === 1 ? ctx.tenant.services[0]!.name : undefined);
  const name =
    extractName(ctx.text) ??
    (draft.service && !draft.name ? bareName(ctx.text) : undefined) ??
    draft.name ??
    work.lead.name;
  if (name) draft.name = name;
  if (!service) {
    env.say(
      `Of course. Which service would you like: ${joinOr(ctx.tenant.services.map((s) => s.name))}?`,
    );
    return;
  }
  if (service !== draft.service) {
    draft.service = service;
    draft.offers = [];
    delete draft.startsAt;
  }

  const picked = pickedOffer(env);
  if (picked) draft.startsAt = picked;
  else {
    const when = parseWhen(ctx.text, ctx.tenant.timezone, ctx.now);
    if (when?.time) {
      const slots = await findSlots(env, service, when.date);
      const exact = slots.find((s) => localTimeOf(s.startsAt, ctx.tenant.timezone) === when.time);
      if (exact) draft.startsAt = exact.startsAt.toISOString();
      else if (slots.length) {
        await proposeSlots(env, service, when.date, "I'm sorry, that time isn't free. ");
        return;
      } else {
        await proposeSlots(env, service, undefined, "I'm sorry, we have nothing free that day. ");
        return;
      }
    } else if (when) {
      await proposeSlots(env, service, when.date);
      return;
    }
  }
  if (!draft.startsAt) {
    await proposeSlots(env, service);
    return;
  }
  if (!draft.name) {
    env.say(`${spoken(env, draft.startsAt)} works. May I have your name, please?`);
    return;
  }
  sayOutcome(
    env,
    await requestBooking(env, { service, startsAt: draft.startsAt, name: draft.name }),
  );
}

export const bookingAgent: AgentDefinition = {
  name: 'booking',
  instructions: `You book, move and cancel appointments in the business's real calendar.
Find out the service, then call find_free_slots and offer two or three of the returned times in the caller's words. Never offer a time that find_free_slots did not return.
When the caller picks one and you have their name, call book_appointment. It first returns confirmation_required with a readBack: read it to the caller and ask "Shall I book that?". Only after they say yes, call book_appointment again with exactly the same values.
For an existing booking use lookup_my_booking, then cancel_booking or reschedule_booking, which need the caller's yes in the same way.
After a booking is made, call hand_over with agent "closing".`,
  tools: [
    findFreeSlotsTool,
    bookAppointmentTool,
    lookupBookingTool,
    cancelBookingTool,
    rescheduleBookingTool,
  ],
  async offline(env) {
    try {
      await offlineBooking(env);
    } catch (err) {
      env.services.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'booking failed',
      );
      env.work.out.toolFailed = true;
      env.say(APOLOGY);
    }
  },
};
