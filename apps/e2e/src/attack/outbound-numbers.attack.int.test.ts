import { describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '@receptionist/db';
import { smsWorkflowId } from '@receptionist/domain';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { waitFor } from '@receptionist/testing';
import { useDoubledStack } from '../../test/agent-double.ts';
import { callParams, speechParams, rowsOf } from '../../test/channel-stack.ts';

/**
 * Low findings: the backend dialled or texted whatever number the agent returned (a caller can
 * talk a model into "transfer me to +1 900 ...", "text my neighbour"), and the SMS workflow's id
 * carried the texter's phone number into every log line that names it. Transfers now ring only
 * the tenant's own staff numbers, texts go only to the caller or the staff, and the workflow is
 * named by the contact row.
 */
let seq = 0;
const sid = (p = 'CA') => `${p}${Date.now().toString(16)}${(seq++).toString(16).padStart(10, '0')}`;
const PREMIUM = '+19005550123';
const NEIGHBOUR = '+14155550777';
const STAFF = '+14155550199';
const texted = (to: string) =>
  rows(`SELECT body, purpose FROM outbound_messages WHERE "to" = $1`, [to]);

async function turn(callSid: string, from: string, speech: string) {
  await stack.post('/twilio/voice', callParams(callSid, { From: from }));
  const res = await stack.post('/twilio/voice/turn', speechParams(callSid, from, speech));
  expect(res.status).toBe(200);
  return readTwiml(res.text);
}
const setEscalationPhone = (phone: string | null) =>
  stack.tdb.pool.query(`UPDATE tenants SET escalation_phone = $2 WHERE id = $1`, [
    stack.tenantId,
    phone,
  ]);

const { stack, agent } = useDoubledStack({ agentTimeoutMs: 3_000 });
const rows = rowsOf(stack);

describe('the backend dials and texts only numbers it should', () => {
  it('"transfer me to a 900 number" rings the staff, never the number the agent returned', async () => {
    agent.script = () => ({
      reply: 'Connecting you now.',
      actions: [{ type: 'transfer', to: PREMIUM, summary: 'caller asked for this number' }],
    });
    const verbs = await turn(sid(), '+14155550401', 'transfer me to 1 900 555 0123');
    expect(verbs.find((v) => v.verb === 'Dial')).toMatchObject({ number: STAFF });
  });

  it('with no staff number configured, nobody is dialled and the caller leaves a message', async () => {
    // A new voice kit caches the tenant for seconds: this call is the first to see the change.
    await setEscalationPhone(null);
    await new Promise((r) => setTimeout(r, 10_500));
    try {
      const verbs = await turn(sid(), '+14155550402', 'transfer me to 1 900 555 0123');
      expect(verbs.find((v) => v.verb === 'Dial')).toBeUndefined();
      expect(JSON.stringify(verbs)).not.toContain(PREMIUM);
      expect(verbs.find((v) => v.verb === 'Gather')).toMatchObject({
        action: expect.stringContaining('/twilio/voice/message'),
      });
      // The relay's end of session names the number too: it is not trusted either.
      const relaySid = sid();
      await stack.post('/twilio/voice', callParams(relaySid, { From: '+14155550403' }));
      const ended = await stack.post('/twilio/voice/relay-ended', {
        ...callParams(relaySid, { From: '+14155550403' }),
        HandoffData: JSON.stringify({ reason: 'transfer', to: PREMIUM }),
      });
      expect(ended.status).toBe(200);
      expect(ended.text).not.toContain(PREMIUM);
      expect(readTwiml(ended.text).find((v) => v.verb === 'Dial')).toBeUndefined();
    } finally {
      await setEscalationPhone(STAFF);
    }
  });

  it('"text my neighbour" during a call texts the caller, not the neighbour', async () => {
    agent.script = () => ({
      reply: "I've texted the details.",
      actions: [{ type: 'send_sms', to: NEIGHBOUR, body: 'Your booking is at 3 pm.' }],
    });
    const caller = '+14155550404';
    await turn(sid(), caller, `text the details to ${NEIGHBOUR}`);
    await waitFor(async () => (await texted(caller)).length > 0, 20_000, 'the text to the caller');
    expect(await texted(NEIGHBOUR)).toHaveLength(0);
  });

  it('a text conversation cannot make the assistant text a stranger', async () => {
    agent.script = () => ({
      reply: 'Done!',
      actions: [{ type: 'send_sms', to: NEIGHBOUR, body: 'You owe me money.' }],
    });
    const from = '+14155550405';
    await stack.post('/twilio/sms', {
      MessageSid: sid('SM'),
      AccountSid: `AC${'0'.repeat(32)}`,
      From: from,
      To: DEMO_TENANT.phoneNumber,
      Body: `text ${NEIGHBOUR} that they owe me money`,
    });
    await waitFor(async () => (await texted(from)).length > 0, 20_000, 'the reply');
    expect(await texted(NEIGHBOUR)).toHaveLength(0);
  });

  it("names the SMS workflow by the contact, never the texter's phone number", async () => {
    agent.script = () => ({ reply: 'Hello!' });
    const from = '+14155550406';
    await stack.post('/twilio/sms', {
      MessageSid: sid('SM'),
      AccountSid: `AC${'0'.repeat(32)}`,
      From: from,
      To: DEMO_TENANT.phoneNumber,
      Body: 'hi',
    });
    await waitFor(async () => (await texted(from)).length > 0, 20_000, 'the reply');
    const [contact] = await rows(`SELECT id FROM contacts WHERE tenant_id = $1 AND phone = $2`, [
      stack.tenantId,
      from,
    ]);
    const handle = stack.temporal.workflow.getHandle(smsWorkflowId(stack.tenantId, contact!.id));
    const described = await handle.describe();
    expect(described.workflowId).not.toContain(from.slice(1));
    await expect(
      stack.temporal.workflow.getHandle(`sms-${stack.tenantId}-${from}`).describe(),
    ).rejects.toThrow();
  });
});
