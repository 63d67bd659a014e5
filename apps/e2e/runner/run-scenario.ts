// One scenario from start to verdict: its own business and calendar, the fixtures booked, the
// conversation played through Twilio's webhooks, then the end state read once everything settled.
import { randomBytes } from 'node:crypto';
import { fillLine, type ScenarioCalendar } from './clock.ts';
import { evaluate, readEndState, unsettled, type Check, type CheckContext } from './end-state.ts';
import type { ScenarioStack } from './scenario-stack.ts';
import type { Line, Scenario } from './scenario.types.ts';
import {
  applyVariant,
  copyDemoTenant,
  placeFixtures,
  type PlacedFixture,
} from './tenant-fixtures.ts';
import {
  placeCall,
  textThread,
  type CodeReader,
  type Conversation,
  type TranscriptEntry,
} from './twilio-caller.ts';

export interface RunSettings {
  /** Longest wait for holds and the call workflow to finish. */
  settleMs: number;
  /** After that, how long a failing verdict is re-read in case a workflow lands late. */
  graceMs: number;
  replyTimeoutMs: number;
}

export interface ScenarioResult {
  id: string;
  category: Scenario['category'];
  channel: Scenario['channel'];
  tenant: Scenario['tenant'];
  set: 'dev' | 'held-out';
  about: string;
  passed: boolean;
  expectsBooking: boolean;
  checks: Check[];
  transcript: TranscriptEntry[];
  durationMs: number;
  error?: string;
}

const RUN_TAG = randomBytes(3).toString('hex');
const pad = (n: number) => String(n).padStart(4, '0');

/** Scenarios that succeed only with a new booking: the "bookings" line of the report. */
export const expectsBooking = (s: Scenario) =>
  typeof s.expect.booking === 'object' ||
  (Boolean(s.expect.anyOf?.length) && s.expect.anyOf!.every((a) => typeof a.booking === 'object'));

export async function runScenario(
  env: ScenarioStack & { cal: ScenarioCalendar; demoTenantId: string; settings: RunSettings },
  s: Scenario & { set: 'dev' | 'held-out' },
  index: number,
): Promise<ScenarioResult> {
  const started = Date.now();
  const phones = {
    business: `+1628555${pad(index)}`,
    caller: `+1312555${pad(index)}`,
    other: `+1773555${pad(index)}`,
  };
  const result: ScenarioResult = {
    id: s.id,
    category: s.category,
    channel: s.channel,
    tenant: s.tenant,
    set: s.set,
    about: s.about,
    passed: false,
    expectsBooking: expectsBooking(s),
    checks: [],
    transcript: [],
    durationMs: 0,
  };
  const db = env.stack.tdb.pool;
  try {
    const copy = await copyDemoTenant(
      db,
      env.demoTenantId,
      `scn-${RUN_TAG}-${index}`,
      phones.business,
    );
    const fixtures = await placeFixtures(
      env.bookings,
      copy.tenantId,
      env.cal,
      s.fixtures ?? [],
      phones,
    );
    const tenant = await applyVariant(db, copy, s.tenant);
    const lines: Line[] = s.lines.map((l) => (typeof l === 'string' ? fillLine(l, env.cal) : l));
    const startedAt = new Date();
    // Callers with a booking of their own are the ones asked to prove the number is theirs: they
    // give the code a moment to arrive. Every caller reads one that is already there.
    const ownsBooking = (s.fixtures ?? []).some((f) => (f.owner ?? 'caller') === 'caller');
    const readCode = codeReader(
      env,
      tenant.tenantId,
      phones.caller,
      startedAt,
      ownsBooking ? 1_500 : 0,
    );
    let conversation: Conversation;
    if (s.channel === 'voice') {
      conversation = await placeCall(env.target, {
        from: phones.caller,
        to: phones.business,
        lines,
        staffAnswers: s.staffAnswers,
        attested: s.attested,
        readCode,
      });
    } else {
      conversation = await textThread(env.target, db, {
        tenantId: tenant.tenantId,
        from: phones.caller,
        to: phones.business,
        lines,
        replyTimeoutMs: env.settings.replyTimeoutMs,
        readCode,
      });
    }
    const ctx: CheckContext = {
      scenario: s,
      cal: env.cal,
      tenant,
      caller: phones.caller,
      fixtures,
      conversation,
      startedAt,
    };
    result.checks = await settleAndCheck(env, ctx, tenant.tenantId, conversation.callSid);
    result.transcript = [
      ...conversation.transcript,
      ...(await textsReceived(env, tenant.tenantId, phones.caller, startedAt, fixtures)),
    ];
    result.passed = result.checks.every((c) => c.ok);
  } catch (err) {
    result.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    result.checks.push({ name: 'scenario ran', ok: false, detail: String(err) });
  }
  result.durationMs = Date.now() - started;
  return result;
}

/**
 * Waits until no booking is mid-hold and the call's workflow has written its outcome, then
 * checks; a failing verdict is re-read until the settle time is up, since workflows land late.
 */
async function settleAndCheck(
  env: ScenarioStack & { settings: RunSettings },
  ctx: CheckContext,
  tenantId: string,
  callSid: string | undefined,
): Promise<Check[]> {
  const db = env.stack.tdb.pool;
  const deadline = Date.now() + env.settings.settleMs;
  const pause = () => new Promise((r) => setTimeout(r, 300));
  for (;;) {
    const state = await readEndState(db, tenantId, ctx.caller);
    const callDone = callSid
      ? (await db.query('SELECT outcome FROM calls WHERE call_sid = $1', [callSid])).rows[0]
          ?.outcome
      : true;
    if ((!unsettled(state) && callDone) || Date.now() > deadline) break;
    await pause();
  }
  const grace = Date.now() + env.settings.graceMs;
  for (;;) {
    const checks = evaluate(ctx, await readEndState(db, tenantId, ctx.caller));
    if (checks.every((c) => c.ok) || Date.now() > grace) return checks;
    await pause();
  }
}

const CODE = /\b(\d{6})\b/;
const MENTIONS_CODE = /\bc[oó]d(?:e|igo)\b/i;

/**
 * The caller reads a new code texted to them (a 6-digit number in a text that says "code"). Until
 * the first one arrives, the caller's first three answers give a text up to waitMs to land.
 */
function codeReader(
  env: ScenarioStack,
  tenantId: string,
  caller: string,
  since: Date,
  waitMs: number,
): CodeReader {
  const read = new Set<string>();
  let turns = 0;
  return async () => {
    // Nothing can have been texted before the caller's first words.
    turns += 1;
    const patient = read.size === 0 && turns >= 2 && turns <= 4;
    const deadline = Date.now() + (patient ? waitMs : 0);
    for (;;) {
      const { rows } = await env.stack.tdb.pool.query(
        `SELECT body FROM outbound_messages WHERE tenant_id = $1 AND "to" = $2 AND created_at >= $3
          ORDER BY created_at, id`,
        [tenantId, caller, since],
      );
      for (const { body } of rows as { body: string }[]) {
        const code = MENTIONS_CODE.test(body) ? CODE.exec(body)?.[1] : undefined;
        if (code && !read.has(code)) {
          read.add(code);
          return code;
        }
      }
      if (Date.now() >= deadline) return null;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
}

async function textsReceived(
  env: ScenarioStack,
  tenantId: string,
  caller: string,
  since: Date,
  fixtures: PlacedFixture[],
): Promise<TranscriptEntry[]> {
  const { rows } = await env.stack.tdb.pool.query(
    `SELECT body, purpose, idempotency_key FROM outbound_messages
      WHERE tenant_id = $1 AND "to" = $2 AND created_at >= $3
        AND purpose <> 'reply' AND purpose NOT LIKE 'keyword%'
      ORDER BY created_at, id`,
    [tenantId, caller, since],
  );
  // A fixture's own confirmation text can land after the call started: it is not the call's.
  const fixtureKeys = fixtures.map((f) => `booking:${f.bookingId}:`);
  const mine = (rows as { body: string; purpose: string; idempotency_key: string }[]).filter(
    (r) => !fixtureKeys.some((k) => r.idempotency_key.startsWith(k)),
  );
  return mine.map((r) => ({
    who: 'text',
    text: `[${r.purpose}] ${r.body}`,
  }));
}
