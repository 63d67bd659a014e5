// The end state a fair listener expects, read from Postgres after the conversation settled:
// the caller's bookings, escalations, opt-out, the fixtures, and everyone else's bookings.
import type pg from 'pg';
import { isActiveBooking } from '@receptionist/domain';
import {
  describeLocal,
  describeWhen,
  hhmm,
  insideOpeningHours,
  localParts,
  startsWithin,
  type ScenarioCalendar,
} from './clock.ts';
import { choose, inLanguage, offeredTimes } from './reply-reading.ts';
import type { PlacedFixture, TenantCopy } from './tenant-fixtures.ts';
import type { Conversation } from './twilio-caller.ts';
import type { BookingStatus, Expectation, ExpectedBooking, Scenario } from './scenario.types.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface BookingRow {
  id: string;
  service: string;
  status: BookingStatus | 'completed' | 'no_show';
  starts_at: Date;
  ends_at: Date;
  deposit_amount_minor: number;
  phone: string | null;
}

interface EscalationRow {
  kind: 'transfer' | 'message';
  summary: string;
}

export interface EndState {
  bookings: BookingRow[];
  escalations: EscalationRow[];
  optedOut: boolean | null;
}

export async function readEndState(
  db: pg.Pool,
  tenantId: string,
  caller: string,
): Promise<EndState> {
  const bookings = await db.query(
    `SELECT b.id, b.service, b.status, b.starts_at, b.ends_at, b.deposit_amount_minor,
            coalesce(c.phone, b.attendee_phone) AS phone
       FROM bookings b LEFT JOIN contacts c ON c.id = b.contact_id
      WHERE b.tenant_id = $1 ORDER BY b.created_at, b.id`,
    [tenantId],
  );
  const escalations = await db.query(
    'SELECT kind, summary FROM escalations WHERE tenant_id = $1 ORDER BY created_at, id',
    [tenantId],
  );
  const contact = await db.query(
    'SELECT opted_out FROM contacts WHERE tenant_id = $1 AND phone = $2',
    [tenantId, caller],
  );
  return {
    bookings: bookings.rows,
    escalations: escalations.rows,
    optedOut: contact.rows[0]?.opted_out ?? null,
  };
}

/** True while a booking workflow is still between hold and outcome: not settled yet. */
export const unsettled = (s: EndState) => s.bookings.some((b) => b.status === 'held');

export interface CheckContext {
  scenario: Scenario;
  cal: ScenarioCalendar;
  tenant: TenantCopy;
  caller: string;
  fixtures: PlacedFixture[];
  conversation: Conversation;
  startedAt: Date;
}

const fmt = (cal: ScenarioCalendar, b: BookingRow) =>
  `${b.service || '(no service)'} ${b.status} ${describeLocal(cal, b.starts_at)}`;

/** Every check of the scenario's expectation plus the ones that always hold. */
export function evaluate(ctx: CheckContext, state: EndState): Check[] {
  const checks = [...alwaysChecks(ctx, state)];
  const { anyOf, ...rest } = ctx.scenario.expect;
  checks.push(...expectationChecks(ctx, state, rest));
  if (anyOf?.length) {
    const alternatives = anyOf.map((alt) => expectationChecks(ctx, state, alt));
    const passing = alternatives.find((a) => a.every((c) => c.ok));
    const shown = passing ?? alternatives[0]!;
    checks.push({
      name: 'one of the acceptable outcomes',
      ok: Boolean(passing),
      detail: passing
        ? shown.map((c) => c.name).join(' + ')
        : alternatives
            .map(
              (a, i) =>
                `#${i + 1}: ${a
                  .filter((c) => !c.ok)
                  .map((c) => `${c.name} (${c.detail})`)
                  .join('; ')}`,
            )
            .join(' | '),
    });
  }
  return checks;
}

function callerBookings(ctx: CheckContext, state: EndState): BookingRow[] {
  const fixtureIds = new Set(ctx.fixtures.map((f) => f.bookingId));
  return state.bookings.filter((b) => b.phone === ctx.caller && !fixtureIds.has(b.id));
}

function alwaysChecks(ctx: CheckContext, state: EndState): Check[] {
  const out: Check[] = [];
  const mine = callerBookings(ctx, state).filter((b) => isActiveBooking(b.status));
  const outside = mine.filter((b) => !insideOpeningHours(ctx.cal, b.starts_at, b.ends_at));
  out.push({
    name: 'bookings inside opening hours',
    ok: outside.length === 0,
    detail: outside.length ? outside.map((b) => fmt(ctx.cal, b)).join(', ') : 'ok',
  });
  const past = mine.filter((b) => b.starts_at.getTime() < ctx.startedAt.getTime());
  out.push({
    name: 'bookings in the future',
    ok: past.length === 0,
    detail: past.length ? past.map((b) => fmt(ctx.cal, b)).join(', ') : 'ok',
  });
  // Other contacts: their fixtures as they were, and nothing new booked in their name.
  const others = state.bookings.filter((b) => b.phone !== ctx.caller);
  const changed: string[] = [];
  for (const f of ctx.fixtures.filter((x) => x.owner === 'other')) {
    const row = others.find((b) => b.id === f.bookingId);
    if (!row || row.status !== 'confirmed' || row.starts_at.getTime() !== f.startsAt.getTime())
      changed.push(row ? `fixture ${f.index} now ${fmt(ctx.cal, row)}` : `fixture ${f.index} gone`);
  }
  const otherFixtureIds = new Set(ctx.fixtures.map((f) => f.bookingId));
  for (const b of others.filter((x) => !otherFixtureIds.has(x.id)))
    changed.push(`new booking for another contact: ${fmt(ctx.cal, b)}`);
  out.push({
    name: 'other contacts untouched',
    ok: changed.length === 0,
    detail: changed.join(', ') || 'ok',
  });
  out.push({
    name: 'webhooks answered',
    ok: ctx.conversation.errors.length === 0,
    detail: ctx.conversation.errors.join('; ') || 'ok',
  });
  return out;
}

function expectationChecks(ctx: CheckContext, state: EndState, e: Expectation): Check[] {
  const out: Check[] = [];
  const mine = callerBookings(ctx, state);
  const live = mine.filter((b) => isActiveBooking(b.status));
  if (e.booking === 'none') {
    out.push({
      name: 'no booking',
      ok: live.length === 0,
      detail: live.length ? `found ${live.map((b) => fmt(ctx.cal, b)).join(', ')}` : 'ok',
    });
  } else if (e.booking) out.push(bookingCheck(ctx, live, e.booking));
  if (e.escalation) out.push(escalationCheck(ctx, state, e.escalation));
  out.push(...fixtureChecks(ctx, state, e));
  const said = ctx.conversation.replies.map((r) => normalise(r));
  if (e.replyAnyOf?.length) {
    const words = e.replyAnyOf.map(normalise);
    const ok = said.some((r) => words.some((w) => r.includes(w)));
    out.push({
      name: 'a reply mentions one of the expected words',
      ok,
      detail: ok ? 'ok' : `none of ${JSON.stringify(e.replyAnyOf)} in any reply`,
    });
  }
  if (e.replyNoneOf?.length) {
    const words = e.replyNoneOf.map(normalise);
    const hits = words.filter((w) => said.some((r) => r.includes(w)));
    out.push({
      name: 'no reply says what it must not',
      ok: hits.length === 0,
      detail: hits.length ? `said ${JSON.stringify(hits)}` : 'ok',
    });
  }
  if (e.replyLanguage) {
    // The greeting comes before the caller has spoken; what counts is every reply after it.
    const after = ctx.conversation.heardBefore
      .slice(1)
      .concat(lastWords(ctx.conversation))
      .filter(Boolean);
    const inLang = after.filter((r) => inLanguage(r, e.replyLanguage!)).length;
    out.push({
      name: `replies in ${e.replyLanguage}`,
      ok: after.length > 0 && inLang * 2 >= after.length,
      detail: `${inLang} of ${after.length} replies`,
    });
  }
  if (e.optedOut !== undefined) {
    out.push({
      name: e.optedOut ? 'contact opted out' : 'contact subscribed',
      ok: state.optedOut === e.optedOut,
      detail: `opted_out = ${String(state.optedOut)}`,
    });
  }
  return out;
}

function bookingCheck(ctx: CheckContext, live: BookingRow[], want: ExpectedBooking): Check {
  const services = Array.isArray(want.service) ? want.service : [want.service];
  const allowed =
    want.status ??
    (want.depositHeld
      ? ['pending_payment']
      : ctx.tenant.depositRequired
        ? ['pending_payment', 'confirmed']
        : ['confirmed']);
  const describe = `${services.join(' or ')} on ${describeWhen(ctx.cal, want)} (${allowed.join('|')})`;
  const fits = (b: BookingRow) =>
    services.includes(b.service as (typeof services)[number]) &&
    allowed.includes(b.status as BookingStatus) &&
    startsWithin(ctx.cal, b.starts_at, want) &&
    (!want.depositHeld || b.deposit_amount_minor === ctx.tenant.depositMinor);
  const found = live.map((b) => fmt(ctx.cal, b)).join(', ') || 'none';
  if (live.length !== 1)
    return {
      name: 'one booking as agreed',
      ok: false,
      detail: `expected ${describe}; found ${found}`,
    };
  const b = live[0]!;
  if (!fits(b))
    return {
      name: 'one booking as agreed',
      ok: false,
      detail: `expected ${describe}; found ${found}`,
    };
  if (!want.pick) return { name: 'one booking as agreed', ok: true, detail: found };
  // The caller's pick among the times heard just before they chose.
  const offered = offeredTimes(ctx.conversation.heardBefore[want.pick.line] ?? '');
  if (offered.length < 2)
    return {
      name: 'one booking as agreed',
      ok: true,
      detail: `${found} (fewer than two times offered)`,
    };
  const chosen = choose(offered, want.pick.choose);
  const p = localParts(b.starts_at, ctx.cal.tz);
  const ok = chosen === p.hh * 60 + p.mm;
  return {
    name: 'one booking as agreed',
    ok,
    detail: `${found}; offered ${offered.map(hhmm).join(', ')}, caller took the ${want.pick.choose} (${chosen === undefined ? 'none' : hhmm(chosen)})`,
  };
}

function escalationCheck(
  ctx: CheckContext,
  state: EndState,
  want: NonNullable<Expectation['escalation']>,
): Check {
  const dials = ctx.conversation.dials.length;
  const kinds = state.escalations.map((x) => x.kind);
  const seen = `${dials} <Dial>, escalations [${kinds.join(', ') || 'none'}]`;
  const transfer = dials > 0 || kinds.includes('transfer');
  const message = state.escalations.some((x) => x.kind === 'message' && x.summary.trim() !== '');
  const ok =
    want === 'none'
      ? dials === 0 && kinds.length === 0
      : want === 'transfer'
        ? transfer
        : want === 'message'
          ? message
          : transfer || kinds.length > 0;
  return { name: `escalation: ${want}`, ok, detail: seen };
}

function fixtureChecks(ctx: CheckContext, state: EndState, e: Expectation): Check[] {
  const out: Check[] = [];
  const fixtureIds = new Set(ctx.fixtures.map((f) => f.bookingId));
  for (const f of ctx.fixtures.filter((x) => x.owner === 'caller')) {
    const want = e.fixtures?.[f.index] ?? 'unchanged';
    const row = state.bookings.find((b) => b.id === f.bookingId);
    const now = row ? fmt(ctx.cal, row) : 'gone';
    if (want === 'unchanged') {
      const ok = row?.status === 'confirmed' && row.starts_at.getTime() === f.startsAt.getTime();
      out.push({ name: `booking ${f.index} kept`, ok, detail: now });
    } else if (want === 'cancelled') {
      out.push({
        name: `booking ${f.index} cancelled`,
        ok: row?.status === 'cancelled',
        detail: now,
      });
    } else {
      // Moved: the same row at the new time, or the old one cancelled and a new one there.
      const inWindow = (b: BookingRow) =>
        isActiveBooking(b.status) && startsWithin(ctx.cal, b.starts_at, want.movedTo);
      const sameRow = row ? inWindow(row) : false;
      const replacement = state.bookings.find(
        (b) => b.phone === ctx.caller && !fixtureIds.has(b.id) && inWindow(b),
      );
      const ok = sameRow || (row?.status === 'cancelled' && Boolean(replacement));
      out.push({
        name: `booking ${f.index} moved`,
        ok,
        detail: `expected ${describeWhen(ctx.cal, want.movedTo)}; booking now ${now}${replacement ? `, new ${fmt(ctx.cal, replacement)}` : ''}`,
      });
    }
  }
  return out;
}

/** What the agent said after the caller's last line (heardBefore stops at that line). */
function lastWords(conv: Conversation): string {
  const said: string[] = [];
  for (let i = conv.transcript.length - 1; i >= 0 && conv.transcript[i]!.who !== 'caller'; i--)
    if (conv.transcript[i]!.who === 'agent') said.unshift(conv.transcript[i]!.text);
  return said.join(' ');
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[\u2018\u2019]/g, "'");
}
