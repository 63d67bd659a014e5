import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '@receptionist/db';
import { waitFor } from '@receptionist/testing';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { useAnsweredStack } from '../../test/agent-service.ts';
import { callParams, speechParams, newCallSid, rowsOf } from '../../test/channel-stack.ts';

/**
 * Caller ID is not identity: a call that spoofs a customer's number must neither hear nor change
 * their bookings, nor recall their earlier conversation. Only a text (carrier-routed), a fully
 * attested caller ID, or the one-time code texted to the number proves ownership.
 */
const { stack } = useAnsweredStack();
const VICTIM = '+14155550161';
const rows = rowsOf(stack);

async function say(sid: string, from: string, speech: string, extra: Record<string, string> = {}) {
  const res = await stack.post('/twilio/voice/turn', speechParams(sid, from, speech, extra));
  return readTwiml(res.text)
    .flatMap((v) => (v.verb === 'Say' ? [v.text] : v.verb === 'Gather' ? v.says : []))
    .join(' ');
}

async function text(body: string, n: number) {
  await stack.post('/twilio/sms', {
    MessageSid: `SM${'a'.repeat(30)}${String(n).padStart(2, '0')}`,
    From: VICTIM,
    To: DEMO_TENANT.phoneNumber,
    Body: body,
  });
  await waitFor(
    async () =>
      (
        await rows(`SELECT 1 FROM outbound_messages WHERE "to" = $1 AND purpose = 'reply'`, [
          VICTIM,
        ])
      ).length >= n,
    20_000,
    `reply ${n}`,
  );
}

const bookingsOfVictim = () =>
  rows(
    `SELECT b.status FROM bookings b JOIN contacts c ON c.id = b.contact_id
      WHERE b.tenant_id = $1 AND c.phone = $2`,
    [stack.tenantId, VICTIM],
  );

beforeAll(async () => {
  // The real owner books by text, with a name the attacker should never hear.
  await text('Hi, this is Priya Raman, I want a whitening tomorrow at 3 pm', 1);
  await text('yes', 2);
  await waitFor(async () => (await bookingsOfVictim()).length === 1, 20_000, 'the booking');
}, 120_000);

describe('a call that spoofs a customer number', () => {
  it('hears nothing of their bookings or their earlier words, and cannot cancel', async () => {
    const sid = newCallSid();
    await stack.post('/twilio/voice', callParams(sid, { From: VICTIM }));
    const asked = await say(sid, VICTIM, 'when is my appointment');
    expect(asked).toMatch(/texted a 6-digit code/);
    expect(asked).not.toMatch(/whitening|3 PM|Priya/i);
    const cancel = await say(sid, VICTIM, 'just cancel all my bookings');
    expect(cancel).not.toMatch(/whitening|3 PM|Priya/i);
    for (const guess of ['123456', '654321', '111111']) await say(sid, VICTIM, guess);
    const name = await say(sid, VICTIM, 'what name is my booking under');
    expect(name).not.toMatch(/Priya/i);
    expect(await bookingsOfVictim()).toEqual([{ status: 'confirmed' }]);
    // The call had its own conversation: none of the owner's texts are in it.
    const [first] = await rows('SELECT conversation_id FROM messages WHERE call_sid = $1 LIMIT 1', [
      sid,
    ]);
    const said = await rows('SELECT text FROM messages WHERE conversation_id = $1', [
      first.conversation_id,
    ]);
    expect(said.length).toBeGreaterThan(0);
    // The service list may name whitening; the owner's booking and name never appear.
    expect(said.map((m) => m.text).join(' | ')).not.toMatch(
      /Priya|whitening (tomorrow|at|on)|3 PM/i,
    );
  });

  it('an attested caller ID is the owner: the booking is read back and can be cancelled', async () => {
    const sid = newCallSid();
    const attested = { StirVerstat: 'TN-Validation-Passed-A' };
    await stack.post('/twilio/voice', callParams(sid, { From: VICTIM, ...attested }));
    const asked = await say(sid, VICTIM, 'I need to cancel my appointment', attested);
    expect(asked).toMatch(/Teeth whitening tomorrow at 3 PM\. Shall I cancel it\?/);
    await say(sid, VICTIM, 'yes', attested);
    await waitFor(
      async () => (await bookingsOfVictim())[0]?.status === 'cancelled',
      20_000,
      'the cancellation',
    );
  });
});
