// The post-call analysis against the local Messages API stand-in with the real Anthropic SDK:
// Claude's record is stored when it answers with a valid one, the rules' when it does not.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import {
  appendMessage,
  createCallIdempotent,
  createTenant,
  ensureConversationRow,
  getCallAnalysis,
  setCallOutcome,
  upsertContactByPhone,
  type Db,
} from '@receptionist/db';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createLogger } from '@receptionist/observability';
import { createTestDatabase, type TestDatabase } from '@receptionist/testing';
import {
  startAnthropicStandIn,
  type ScriptedReply,
} from '@receptionist/agent/test/anthropic-stand-in';
import { createCallAnalysisActivities } from './call-analysis.activities.ts';
import { createClaudeCallAnalyst } from './call-analysis.claude.ts';

let tdb: TestDatabase;
let db: Db;
const logger = createLogger({ service: 'worker-test', level: 'silent' });
let reply: () => ScriptedReply;
let claude: Awaited<ReturnType<typeof startAnthropicStandIn>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.pool as unknown as Db;
  claude = await startAnthropicStandIn(() => reply());
});
afterAll(async () => {
  await claude?.close();
  await tdb?.drop();
});

function analyse() {
  const breakers = createBreakerFactory({ registry: new Registry(), logger });
  return createCallAnalysisActivities({
    db,
    analyst: createClaudeCallAnalyst({
      apiKey: 'sk-ant-test',
      baseUrl: claude.url,
      model: 'claude-test',
      timeoutMs: 2_000,
      breakers,
      logger,
    }),
  }).analyseCall;
}

/** A finished call with what the caller and the agent said. */
async function finishedCall(
  said: [role: 'caller' | 'agent', text: string][],
  outcome = 'escalated',
) {
  const t = await createTenant(db, {
    slug: `ca-${randomUUID().slice(0, 8)}`,
    name: 'Bright Smile',
  });
  const phone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const contact = await upsertContactByPhone(db, t.id, phone);
  const callSid = `CA${randomUUID().replace(/-/g, '')}`;
  const { call } = await createCallIdempotent(db, t.id, {
    callSid,
    fromNumber: phone,
    toNumber: '+14155550100',
    contactId: contact.id,
  });
  const conversationId = randomUUID();
  await ensureConversationRow(db, t.id, {
    id: conversationId,
    contactId: contact.id,
    channel: 'voice',
  });
  for (const [role, text] of said)
    await appendMessage(db, t.id, { conversationId, channel: 'voice', role, text, callSid });
  await setCallOutcome(db, t.id, callSid, { outcome: outcome as 'escalated', summary: '' });
  return { tenantId: t.id, callId: call.id };
}

const complaint: [role: 'caller' | 'agent', text: string][] = [
  ['agent', 'Bright Smile, how can I help?'],
  ['caller', 'I was charged twice for my last visit and I am really unhappy'],
  ['agent', 'I am sorry. I will pass this to the team.'],
  ['caller', 'Please have someone call me today'],
];

describe('post-call analysis by Claude', () => {
  it('stores Claude’s record, keeping only quotes the caller really said', async () => {
    const call = await finishedCall(complaint);
    reply = () => ({
      content: [
        {
          type: 'tool_use',
          name: 'record_call_analysis',
          input: {
            intent: 'complaint',
            outcome: 'handed_to_staff',
            followUpNeeded: true,
            followUpReason: 'double charge to refund',
            sentiment: 'negative',
            evidence: {
              intent: ['I was charged twice for my last visit'],
              outcome: ['I will pass this to the team'],
              followUp: ['Please have someone call me today'],
              sentiment: ['really unhappy', 'this is a disgrace'],
            },
          },
        },
      ],
    });
    const before = claude.bodies.length;
    expect(await analyse()(call)).toMatchObject({ source: 'claude', intent: 'complaint' });
    const sent = claude.bodies[before]!;
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'record_call_analysis' });
    expect(JSON.stringify(sent.messages)).toContain('Caller: Please have someone call me today');
    const stored = await getCallAnalysis(db, call.tenantId, call.callId);
    expect(stored).toMatchObject({
      source: 'claude',
      model: 'claude-test',
      followUpNeeded: true,
      followUpReason: 'double charge to refund',
      sentiment: 'negative',
      evidence: {
        intent: ['I was charged twice for my last visit'],
        // The agent's words and a quote nobody said are not the caller's.
        outcome: [],
        followUp: ['Please have someone call me today'],
        sentiment: ['really unhappy'],
      },
    });
  });

  it('falls back to the rules when Claude is overloaded or answers out of shape', async () => {
    for (const r of [
      { content: [], status: 529 },
      {
        content: [
          { type: 'tool_use' as const, name: 'record_call_analysis', input: { intent: 'x' } },
        ],
      },
    ]) {
      const call = await finishedCall(complaint);
      reply = () => r;
      expect(await analyse()(call)).toMatchObject({ source: 'rules' });
      expect(await getCallAnalysis(db, call.tenantId, call.callId)).toMatchObject({
        source: 'rules',
        model: null,
        intent: 'complaint',
        outcome: 'handed_to_staff',
        followUpNeeded: true,
        evidence: { intent: ['I was charged twice for my last visit and I am really unhappy'] },
      });
    }
  });

  it('replaces the record when a call is analysed again', async () => {
    const call = await finishedCall([['caller', 'book me a cleaning please']], 'booked');
    reply = () => ({ content: [], status: 529 });
    await analyse()(call);
    await analyse()(call);
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM call_analyses WHERE call_id = $1',
      [call.callId],
    );
    expect(rows[0].n).toBe(1);
  });
});
