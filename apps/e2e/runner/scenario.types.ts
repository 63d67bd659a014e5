// The scenario format: what a caller says on one channel to one kind of business, and what a fair
// listener expects to find in Postgres afterwards. Scenario files under apps/e2e/scenarios/ are
// plain data built with the helpers at the bottom; the runner fills the {placeholders} from
// today's date in the business's timezone, so the same file is right on any day it runs.

export const CATEGORIES = [
  'faq',
  'booking',
  'correction',
  'choice',
  'cancel_reschedule',
  'escalation',
  'objection',
  'unknown_question',
  'out_of_hours',
  'hangup',
  'multilingual',
  'injection',
  'sms',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * demo: the seeded Bright Smile Dental ($25 deposit); no_deposit: the same without a deposit;
 * multilingual: the demo business answering in en-US, fr-FR and es-US.
 */
export type TenantVariant = 'demo' | 'no_deposit' | 'multilingual';

export type ServiceName = 'Cleaning and check-up' | 'Teeth whitening' | 'Emergency visit';
export type BookingStatus = 'held' | 'pending_payment' | 'confirmed' | 'cancelled';

/**
 * A caller's turn. Voice: a string is the SpeechResult Twilio posts ('' is silence), digits are
 * keypad presses, hangup ends the call there (the status callback follows, nothing else).
 * SMS: a string is the Body of one text.
 */
export type Line = string | { digits: string } | { hangup: true };

/**
 * A day the caller names, as a placeholder the runner fills: nextMon..nextSun (the coming one,
 * never today), nextWeekday / nextWeekday2 (the first / second Mon-Fri after today),
 * dayOfMonthNextWeek ("the 15th": the first Mon-Fri a week or more ahead), nextWeek (every day
 * of next Monday's week), asap (the next three open days, today included).
 * In caller lines write {name}, or {name:fr} / {name:es} for French or Spanish words.
 */
export type DayRef =
  | 'nextMon'
  | 'nextTue'
  | 'nextWed'
  | 'nextThu'
  | 'nextFri'
  | 'nextSat'
  | 'nextSun'
  | 'nextWeekday'
  | 'nextWeekday2'
  | 'dayOfMonthNextWeek'
  | 'nextWeek'
  | 'asap';

/** When a booking may start: on one of the days, local start time within [from, to] ("HH:MM"). */
export interface When {
  day: DayRef;
  from?: string;
  to?: string;
}

export interface ExpectedBooking extends When {
  /** Acceptable services; any of them. */
  service: ServiceName | ServiceName[];
  /** Allowed statuses; by default pending_payment|confirmed with a deposit, confirmed without. */
  status?: BookingStatus[];
  /** The deposit is still asked: pending_payment with the tenant's deposit amount. */
  depositHeld?: boolean;
  /**
   * The caller picked among offered times at lines[line]: the booking starts at the chosen one
   * of the times (with am/pm) heard just before that line. Unchecked when fewer than two are heard.
   */
  pick?: { line: number; choose: Choice };
}

export type Choice = 'first' | 'second' | 'third' | 'last' | 'earliest' | 'latest';

/** A booking that exists before the conversation, made through the Booking workflow. */
export interface Fixture extends When {
  service: ServiceName;
  /** 'caller' (default) or another contact of the business, who must be left alone. */
  owner?: 'caller' | 'other';
  at: string;
}

export type FixtureOutcome = 'unchanged' | 'cancelled' | { movedTo: When };

export interface Expectation {
  /** A new live booking for this caller, or 'none' (no new held/pending/confirmed booking). */
  booking?: ExpectedBooking | 'none';
  /**
   * 'transfer': a <Dial> in the TwiML or a transfer escalation row; 'message': an escalation row
   * carrying what the caller said; 'any': either; 'none': no escalation row and no <Dial>.
   */
  escalation?: 'transfer' | 'message' | 'any' | 'none';
  /** What became of each fixture, by index; fixtures not listed must be unchanged. */
  fixtures?: Record<number, FixtureOutcome>;
  /** Some reply (or text received) contains one of these, case-insensitive. */
  replyAnyOf?: string[];
  /** No reply contains any of these, case-insensitive. */
  replyNoneOf?: string[];
  /** Most replies after the caller's first line are in this language. */
  replyLanguage?: 'fr' | 'es';
  /** The contact's SMS opt-out flag at the end. */
  optedOut?: boolean;
  /** Passes when any of these alternative expectations passes (e.g. transfer or emergency booking). */
  anyOf?: Expectation[];
}

export interface Scenario {
  id: string;
  category: Category;
  channel: 'voice' | 'sms';
  tenant: TenantVariant;
  /** One sentence: who is calling and what a fair listener would do. */
  about: string;
  lines: Line[];
  fixtures?: Fixture[];
  /** Voice: a <Dial> is answered by the staff member (default: nobody picks up). */
  staffAnswers?: boolean;
  /**
   * Voice: the caller ID passed STIR/SHAKEN with full attestation (Twilio's StirVerstat
   * TN-Validation-Passed-A). Without it the business may text a code to prove the number.
   */
  attested?: boolean;
  expect: Expectation;
}

type Options = Partial<Pick<Scenario, 'fixtures' | 'staffAnswers' | 'attested'>> & {
  tenant?: TenantVariant;
};

const make =
  (channel: Scenario['channel']) =>
  (
    id: string,
    category: Category,
    about: string,
    lines: Line[],
    expect: Expectation,
    opts: Options = {},
  ): Scenario => ({
    id,
    category,
    channel,
    tenant: opts.tenant ?? 'demo',
    about,
    lines,
    expect,
    ...(opts.fixtures ? { fixtures: opts.fixtures } : {}),
    ...(opts.staffAnswers ? { staffAnswers: true } : {}),
    ...(opts.attested ? { attested: true } : {}),
  });

/** A phone call. */
export const call = make('voice');
/** A text thread. */
export const texts = make('sms');

/** An expected new booking for one service on a day, starting within [from, to]. */
export const booked = (
  service: ExpectedBooking['service'],
  day: DayRef,
  from?: string,
  to: string | undefined = from,
  extra: Partial<ExpectedBooking> = {},
): ExpectedBooking => ({
  service,
  day,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
  ...extra,
});

export const CLEANING: ServiceName = 'Cleaning and check-up';
export const WHITENING: ServiceName = 'Teeth whitening';
export const EMERGENCY: ServiceName = 'Emergency visit';

/** booked() for one service: cleaning('nextWed', '10:00') is booked(CLEANING, 'nextWed', '10:00'). */
const bookedAs =
  (service: ServiceName) =>
  (
    day: DayRef,
    from?: string,
    to: string | undefined = from,
    extra: Partial<ExpectedBooking> = {},
  ): ExpectedBooking =>
    booked(service, day, from, to, extra);
export const cleaning = bookedAs(CLEANING);
export const whitening = bookedAs(WHITENING);
export const emergency = bookedAs(EMERGENCY);
export const ANY_SERVICE: ServiceName[] = [CLEANING, WHITENING, EMERGENCY];
/** The expected booking when the caller picked the choose-th time offered before lines[line]. */
export const picked = (line: number, choose: Choice) => ({ pick: { line, choose } });

/** Prices of the seed: an unknown question must not be answered with one of them. */
export const SEED_PRICES = ['$120', '$89', '$350', '$150'];
/** The seed's prices and other answers: none of them answers a question the knowledge lacks. */
export const UNRELATED_FACTS = [...SEED_PRICES, 'delta dental', 'in-office whitening'];

// Builders for the shapes most scenarios share, so that a scenario states only what is particular
// to it. Dev and held-out files use the same builders with their own words: the held-out texts
// stay in their own files and never come from here.

/** Calls of one category: the category is said once per file instead of once per scenario. */
export const callsIn =
  (category: Category) =>
  (id: string, about: string, lines: Line[], expect: Expectation, opts: Options = {}): Scenario =>
    call(id, category, about, lines, expect, opts);

/**
 * The common booking call: the caller's own lines (asking, a name, a confirmation), then the
 * file's goodbye, and one new booking is expected. `also` adds expectations besides the booking.
 */
export const bookingCallsIn =
  (category: Category, bye: string) =>
  (
    id: string,
    about: string,
    lines: Line[],
    booking: ExpectedBooking,
    opts: Options & { also?: Omit<Expectation, 'booking'> } = {},
  ): Scenario =>
    call(id, category, about, [...lines, bye], { booking, ...opts.also }, opts);

/** A booking of the caller's that exists before the call. */
export const callersBooking = (
  day: DayRef,
  at: string,
  service: ServiceName = CLEANING,
): Fixture => ({
  service,
  day,
  at,
});
/** Another patient's booking in the same calendar: the call must leave it alone. */
export const othersBooking = (day: DayRef, at: string): Fixture => ({
  service: CLEANING,
  day,
  at,
  owner: 'other',
});
/** The first fixture was cancelled and nothing new was booked. */
export const FIRST_CANCELLED: Expectation = { booking: 'none', fixtures: { 0: 'cancelled' } };
/** The first fixture now starts on day within [from, to] (exactly at from by default). */
export const firstMovedTo = (day: DayRef, from: string, to = from): Expectation => ({
  fixtures: { 0: { movedTo: { day, from, to } } },
});

/**
 * A question the knowledge does not answer: nothing booked and no reply carries one of `wrong`
 * (the seed's unrelated facts by default); `also` adds e.g. the escalation a call-back asks for.
 */
export const unansweredCall = (
  id: string,
  about: string,
  lines: Line[],
  also: Expectation = {},
  wrong: string[] = UNRELATED_FACTS,
): Scenario =>
  call(id, 'unknown_question', about, lines, { booking: 'none', replyNoneOf: wrong, ...also });
