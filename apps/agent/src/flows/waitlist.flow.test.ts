import { describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf, zonedTimeToUtc, type Tenant } from '@receptionist/domain';
import type { Db } from '@receptionist/db';
import type { Logger } from '@receptionist/observability';
import type { Slot } from '@receptionist/integrations/calendar';
import { agentEnv } from '../agents/agent.ts';
import {
  emptyOutput,
  type ConversationState,
  type TurnContext,
} from '../graph/conversation-state.annotation.ts';
import { bookingAgent } from '../agents/booking.agent.ts';
import { ownerOf } from '../agents/triage.agent.ts';
import type { AgentMetrics } from '../agent.metrics.ts';
import type { BookingGateway, WaitlistRequest } from '../booking/booking.gateway.ts';
import { understandOffline } from '../dialogue/understand.offline.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';

// Monday 4 March 2030, 8:00 in New York. Thursday the 7th is fully booked; every other weekday
// has a free hour from 9 to 4.
const NOW = new Date('2030-03-04T13:00:00Z');
const TZ = 'America/New_York';
const FULL = '2030-03-07';
const PHONE = '+14155550123';
const TENANT: Tenant = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'bright-smile',
  name: 'Bright Smile Dental',
  timezone: TZ,
  businessHours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
      d,
      [{ open: '09:00', close: '17:00' }],
    ]),
  ),
  closedDates: [],
  greeting: 'Hello',
  persona: 'Sam',
  languages: ['en-US', 'fr-FR', 'es-US'],
  escalationPhone: null,
  escalationContacts: [],
  depositRequired: false,
  depositAmountMinor: 0,
  currency: 'USD',
  holdTimeoutMinutes: 15,
  refundFullUntilHours: 24,
  calendarProvider: 'builtin',
  calendarSettings: {},
  voiceMode: 'gather',
  voice: 'default',
  services: [{ name: 'Cleaning and check-up', durationMinutes: 60 }],
  settings: {},
  createdAt: NOW,
  updatedAt: NOW,
};

/** The calendar of the week and a waitlist keyed as the repository keys it. */
function fakeBookings() {
  const waitlist = new Map<string, WaitlistRequest>();
  const gateway: BookingGateway = {
    async findFreeSlots(_tenant, range) {
      const slots: Slot[] = [];
      for (let day = localDateOf(range.from, TZ); ; day = addLocalDays(day, 1)) {
        if (zonedTimeToUtc(day, '00:00', TZ) >= range.to) break;
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
        if (day === FULL || weekday === 0 || weekday === 6) continue;
        for (let h = 9; h < 17; h++) {
          const startsAt = zonedTimeToUtc(day, `${String(h).padStart(2, '0')}:00`, TZ);
          if (startsAt >= range.from && startsAt < range.to)
            slots.push({ startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) });
        }
      }
      return slots;
    },
    async joinWaitlist(_tenantId, req) {
      const key = `${req.phone}|${req.day}|${req.service}`;
      const created = !waitlist.has(key);
      if (created) waitlist.set(key, req);
      return { entryId: key, created };
    },
    book: () => Promise.reject(new Error('not booked in these tests')),
    lookupByPhone: async () => [],
    cancel: async () => null,
    reschedule: () => Promise.reject(new Error('not moved in these tests')),
    createDepositLink: async () => null,
  };
  return { gateway, waitlist };
}

/** A call on the booking agent alone: each line read by the rules brain, as triage reads it. */
function call(bookings: BookingGateway) {
  const work: ConversationState = {
    messages: [],
    language: 'en',
    expecting: null,
    asks: {},
    heard: [],
    todo: [],
    lastReply: '',
    session: 'CA1',
    lead: {},
    currentAgent: 'booking',
    next: null,
    hops: 0,
    turn: 0,
    bookingDraft: { offers: [] },
    escalationState: { escalated: false, awaitingMessage: false },
    verification: undefined,
    out: { ...emptyOutput(), agent: 'booking' },
  };
  const services = {
    db: {} as Db,
    bookings,
    knowledge: {} as KnowledgeBase,
    logger: { warn: () => undefined } as unknown as Logger,
    metrics: {} as AgentMetrics,
    paymentsAvailable: true,
  };
  return async (text: string) => {
    const read = understandOffline({
      text,
      services: TENANT.services.map((s) => s.name),
      timezone: TZ,
      now: NOW,
      language: work.language,
      allowedLanguages: ['en', 'fr', 'es'],
      expecting: work.expecting,
      offers: work.bookingDraft.offers,
      history: [],
    });
    work.language = read.language ?? work.language;
    work.heard = read.commands;
    work.todo = read.commands;
    work.turn++;
    work.out = { ...work.out, replies: [] };
    const owner = ownerOf(read.commands[0]!, work, TENANT);
    const ctx = {
      tenant: TENANT,
      contactId: 'contact-1',
      callerPhone: PHONE,
      now: NOW,
      channel: 'voice',
    } as TurnContext;
    if (owner === 'booking')
      await bookingAgent.handle(agentEnv({ ctx, work, services }, 'booking'));
    return { reply: work.out.replies.join(' '), owner, work };
  };
}

describe('the waitlist of a full day in the booking flow', () => {
  it('offers it beside the other times; a yes joins once, and another time can still be booked', async () => {
    const { gateway, waitlist } = fakeBookings();
    const say = call(gateway);
    const offer = await say('is there anything thursday for a cleaning?');
    expect(offer.reply).toMatch(
      /^I'm sorry, Thursday is fully booked\. For a Cleaning and check-up I can offer /,
    );
    expect(offer.reply).toContain('or I can put you on the waitlist for Thursday');
    expect(offer.work.bookingDraft.offers.length).toBeGreaterThan(0);
    expect(waitlist.size).toBe(0);

    const joined = await say('yes please');
    expect(joined.reply).toMatch(
      /^Done, you're on the waitlist for Thursday\. .*In the meantime, I can still book you /,
    );
    expect([...waitlist.values()]).toEqual([
      {
        contactId: 'contact-1',
        phone: PHONE,
        name: null,
        service: 'Cleaning and check-up',
        day: FULL,
        language: 'en-US',
      },
    ]);

    const again = await say('can you put me on the waitlist?');
    expect(again.reply).toMatch(/^You're already on the waitlist for Thursday/);
    expect(waitlist.size).toBe(1);

    // A plain yes now answers "would one of those suit you": the first time, and the name next.
    const taken = await say('yes');
    expect(taken.work.bookingDraft.startsAt).toBe(taken.work.bookingDraft.offers[0]);
    expect(taken.reply).toMatch(/May I have your name/);
    expect(waitlist.size).toBe(1);
  });

  it('joins at once when the caller asks for the waitlist of the day they name', async () => {
    const { gateway, waitlist } = fakeBookings();
    const say = call(gateway);
    const r = await say('can you put me on the waitlist for thursday');
    expect(r.reply).toMatch(
      /^I'm sorry, Thursday is fully booked\. Done, you're on the waitlist for Thursday/,
    );
    expect([...waitlist.values()].map((e) => e.day)).toEqual([FULL]);
  });

  it('asks which day when none is in play, and keeps no waitlist for a day with room', async () => {
    const { gateway, waitlist } = fakeBookings();
    const say = call(gateway);
    expect((await say('i want to book a cleaning')).reply).toMatch(/next free times/);
    expect((await say('could you put me on the waitlist')).reply).toBe(
      'Of course. Which day would you like to be on the waitlist for?',
    );
    const wednesday = await say('wednesday');
    expect(wednesday.reply).not.toMatch(/waitlist/);
    expect(wednesday.work.bookingDraft.waitlist).toBeUndefined();
    expect((await say('what about thursday then')).reply).toContain(
      'or I can put you on the waitlist for Thursday',
    );
    expect(waitlist.size).toBe(0);
  });

  it('a no to the other times after joining ends the booking politely', async () => {
    const { gateway, waitlist } = fakeBookings();
    const say = call(gateway);
    await say('anything on thursday for a cleaning');
    await say('sure, put me on the list');
    const r = await say('no thanks');
    expect(r.reply).toBe('Is there anything else I can help with?');
    expect(r.work.bookingDraft.flow).toBeUndefined();
    expect(waitlist.size).toBe(1);
  });

  it('a French caller hears it and joins in French', async () => {
    const { gateway, waitlist } = fakeBookings();
    const say = call(gateway);
    const offer = await say('bonjour, je voudrais un nettoyage jeudi, vous avez quelque chose ?');
    expect(offer.reply).toMatch(/^Désolée, jeudi est complet\./);
    expect(offer.reply).toContain("liste d'attente pour jeudi");
    const joined = await say('oui, mettez-moi sur la liste d’attente');
    expect(joined.reply).toMatch(/^C'est noté, vous êtes sur la liste d'attente pour jeudi\./);
    expect([...waitlist.values()].map((e) => e.language)).toEqual(['fr-FR']);
  });
});
