// One scenario from start to verdict: its own business and calendar, the fixtures booked, the
// conversation played through Twilio's webhooks, then the end state read once everything settled.
import { randomBytes } from 'node:crypto';
import { fillLine, type ScenarioCalendar } from './clock.ts';
import { evaluate, readEndState, unsettled, type Check, type CheckContext } from './end-state.ts';
import type { ScenarioStack } from './scenario-stack.ts';
import type { Line, Scenario } from './scenario.types.ts';
import { applyVariant, copyDemoTenant, placeFixtures } from './tenant-fixtures.ts';
import { placeCall, textThread, type Conversation, type TranscriptEntry } from './twilio-caller.ts';

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
    let conversation: Conversation;
    if (s.channel === 'voice') {
      conversation = await placeCall(env.target, {
        from: phones.caller,
        to: phones.business,
        lines,
        staffAnswers: s.staffAnswers,
      });
    } else {
      conversation = await textThread(env.target, db, {
        tenantId: tenant.tenantId,
        from: phones.caller,
        to: phones.business,
        lines,
        replyTimeoutMs: env.settings.replyTimeoutMs,
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
      ...(await textsReceived(env, tenant.tenantId, phones.caller, startedAt)),
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

async function textsReceived(
  env: ScenarioStack,
  tenantId: string,
  caller: string,
  since: Date,
): Promise<TranscriptEntry[]> {
  const { rows } = await env.stack.tdb.pool.query(
    `SELECT body, purpose FROM outbound_messages
      WHERE tenant_id = $1 AND "to" = $2 AND created_at >= $3
        AND purpose <> 'reply' AND purpose NOT LIKE 'keyword%'
      ORDER BY created_at, id`,
    [tenantId, caller, since],
  );
  return (rows as { body: string; purpose: string }[]).map((r) => ({
    who: 'text',
    text: `[${r.purpose}] ${r.body}`,
  }));
}
