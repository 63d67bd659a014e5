import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT, conversationRowId, contactConversationKey } from '@receptionist/db';
import { callWorkflowId, turnMessageSids } from '@receptionist/domain';
import { createBookingClient } from '@receptionist/booking-client';
import { waitFor } from '@receptionist/testing';
import { AGENT_NOW, useAnsweredStack } from '../test/agent-service.ts';
import { callParams, newCallSid, rowsOf, CALLER, PUBLIC_BASE_URL } from '../test/channel-stack.ts';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';

const { stack } = useAnsweredStack({ stripe: true });
const rows = rowsOf(stack);

/** Runs the terminal phone with a script of caller lines against the stack; returns its output. */
async function phone(lines: string[], args: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'phone-'));
  const script = join(dir, 'script.txt');
  writeFileSync(script, `${lines.join('\n')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('../../backend/src/phone/phone.cli.ts', import.meta.url)),
        '--script',
        script,
        '--url',
        stack.baseUrl,
        '--public-url',
        PUBLIC_BASE_URL,
        '--token',
        stack.config.TWILIO_AUTH_TOKEN!,
        ...args,
      ],
      { env: { ...process.env, DATABASE_URL: stack.tdb.url } },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`phone exited ${code}: ${out}`)),
    );
  });
}

describe('calls answered by the agent service', () => {
  it('a scripted call goes from the greeting to a confirmed booking, a confirmation text and a booked outcome', async () => {
    const out = await phone(
      [
        "Hi, I'd like to book a cleaning",
        'tomorrow at 10 please',
        'My name is Jane Doe',
        'Yes please',
        "No, that's all, thanks",
      ],
      ['--from', CALLER],
    );
    expect(out).toContain('Thanks for calling Bright Smile Dental');
    expect(out).toContain('Shall I book that?');
    expect(out).toMatch(/call ended after/);
    // Booked by the Booking workflow, which holds, confirms and texts like any other booking.
    const booking = await rows(
      `SELECT b.id, b.status, b.service, b.starts_at, b.provider, b.workflow_id FROM bookings b
         JOIN contacts c ON c.id = b.contact_id WHERE b.tenant_id = $1 AND c.phone = $2`,
      [stack.tenantId, CALLER],
    );
    expect(booking).toEqual([
      {
        id: expect.any(String),
        status: 'confirmed',
        service: 'Cleaning and check-up',
        starts_at: new Date('2030-03-05T15:00:00Z'),
        provider: 'builtin',
        workflow_id: `booking-${booking[0]?.id}`,
      },
    ]);
    const [call] = await rows(
      `SELECT call_sid FROM calls WHERE tenant_id = $1 AND from_number = $2`,
      [stack.tenantId, CALLER],
    );
    const result = await stack.temporal.workflow.getHandle(callWorkflowId(call.call_sid)).result();
    expect(result).toEqual({ outcome: 'booked' });
    const [stored] = await rows('SELECT outcome, summary FROM calls WHERE call_sid = $1', [
      call.call_sid,
    ]);
    expect(stored.outcome).toBe('booked');
    expect(stored.summary).toContain('Outcome: booked');
    // One confirmation text: the workflow's; the agent does not text a second one.
    const texts = await rows(
      `SELECT purpose, status, body, idempotency_key FROM outbound_messages WHERE "to" = $1 ORDER BY created_at`,
      [CALLER],
    );
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({
      purpose: 'notification',
      status: 'queued',
      idempotency_key: `booking:${booking[0].id}:confirmed:2030-03-05T15:00:00.000Z`,
    });
    expect(texts[0].body).toContain("you're booked for Tuesday, March 5");
    expect(out).toMatch(/sms\s+.*you're booked for Tuesday, March 5/);
    // Transcript: stored once by the agent, marked with the call and our own hop time.
    const turns = await rows(
      `SELECT role, agent, latency_ms, channel_latency_ms FROM messages WHERE call_sid = $1 ORDER BY created_at, id`,
      [call.call_sid],
    );
    expect(turns.map((t) => t.role)).toEqual(Array(5).fill(['caller', 'agent']).flat());
    for (const t of turns.filter((x) => x.role === 'agent')) {
      expect(t.channel_latency_ms).toBeGreaterThanOrEqual(t.latency_ms);
    }
  }, 60_000);

  it('a tenant that asks a deposit holds the slot as pending_payment and texts one Stripe Checkout link', async () => {
    const caller = '+14155550177';
    await stack.tdb.pool.query(
      'UPDATE tenants SET deposit_required = true, deposit_amount_minor = 2500 WHERE id = $1',
      [stack.tenantId],
    );
    try {
      const out = await phone(
        [
          "Hi, I'd like to book a cleaning",
          'tomorrow at 11 please',
          'My name is Ada Lovelace',
          'Yes please',
          "No, that's all, thanks",
        ],
        ['--from', caller],
      );
      expect(out).toContain("I've texted you the link");
      const [booking] = await rows(
        `SELECT b.id, b.status, b.workflow_id, b.deposit_amount_minor, b.hold_expires_at
           FROM bookings b JOIN contacts c ON c.id = b.contact_id
          WHERE b.tenant_id = $1 AND c.phone = $2`,
        [stack.tenantId, caller],
      );
      expect(booking).toMatchObject({
        status: 'pending_payment',
        workflow_id: `booking-${booking.id}`,
        deposit_amount_minor: 2500,
      });
      expect(booking.hold_expires_at.getTime()).toBeGreaterThan(Date.now());
      const status = await createBookingClient({
        client: stack.temporal,
        taskQueue: stack.taskQueue,
      }).getBookingStatus(stack.tenantId, booking.id);
      expect(status).toMatchObject({ phase: 'awaiting_payment', paid: false });
      expect(status!.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
      const sent = () =>
        rows(`SELECT body, idempotency_key FROM outbound_messages WHERE "to" = $1`, [caller]);
      // The workflow shows the link as soon as Stripe issued it; the text follows right after.
      await waitFor(async () => (await sent()).length > 0, 10_000, 'the deposit link text');
      const texts = await sent();
      expect(texts).toEqual([
        {
          body: expect.stringContaining(status!.checkoutUrl!),
          idempotency_key: `booking:${booking.id}:payment_link`,
        },
      ]);
      expect(texts[0].body).toContain('$25.00 deposit');
    } finally {
      await stack.tdb.pool.query('UPDATE tenants SET deposit_required = false WHERE id = $1', [
        stack.tenantId,
      ]);
    }
  }, 60_000);

  it('transfers to the staff phone with a whisper of who is calling and why; the escalation is stored once and staff are texted', async () => {
    const sid = newCallSid();
    const caller = '+14155550155';
    const params = callParams(sid, { From: caller });
    await stack.post('/twilio/voice', params);
    const res = await stack.post('/twilio/voice/turn', {
      ...params,
      SpeechResult: 'Let me speak to a person please',
      Confidence: '0.9',
    });
    const verbs = readTwiml(res.text);
    const dial = verbs.find((v) => v.verb === 'Dial');
    expect(dial).toMatchObject({
      verb: 'Dial',
      number: DEMO_TENANT.escalationPhone,
      callerId: DEMO_TENANT.phoneNumber,
    });
    if (!dial || dial.verb !== 'Dial') throw new Error('no Dial');
    const whisper = readTwiml(
      (
        await stack.post(dial.whisperUrl!.slice(PUBLIC_BASE_URL.length), {
          CallSid: 'CAstaffleg',
          ParentCallSid: sid,
        })
      ).text,
    );
    expect(whisper[0]).toMatchObject({ verb: 'Say' });
    expect(whisper[0]!.verb === 'Say' && whisper[0]!.text).toMatch(/ending 0 1 5 5/);
    const after = readTwiml(
      (await stack.post('/twilio/voice/dial-status', { ...params, DialCallStatus: 'completed' }))
        .text,
    );
    expect(after.at(-1)).toEqual({ verb: 'Hangup' });
    await stack.post('/twilio/voice/status', {
      ...params,
      CallStatus: 'completed',
      CallDuration: '95',
    });
    expect(await stack.temporal.workflow.getHandle(callWorkflowId(sid)).result()).toEqual({
      outcome: 'escalated',
    });
    const contact = (
      await rows('SELECT id FROM contacts WHERE tenant_id = $1 AND phone = $2', [
        stack.tenantId,
        caller,
      ])
    )[0];
    const esc = await rows('SELECT kind FROM escalations WHERE contact_id = $1', [contact.id]);
    expect(esc).toEqual([{ kind: 'transfer' }]);
    const staff = await rows(
      `SELECT body FROM outbound_messages WHERE purpose = 'staff_escalation' AND body LIKE $1`,
      [`%${caller}%`],
    );
    expect(staff).toHaveLength(1);
  }, 60_000);

  it('understands keypad digits: 0 asks for a person', async () => {
    const sid = newCallSid();
    const params = callParams(sid, { From: '+14155550144' });
    await stack.post('/twilio/voice', params);
    const res = await stack.post('/twilio/voice/turn', { ...params, Digits: '0' });
    const dial = readTwiml(res.text).find((v) => v.verb === 'Dial');
    expect(dial).toMatchObject({ number: DEMO_TENANT.escalationPhone });
  }, 30_000);

  it('a text after a call from an attested caller ID continues the same conversation with the agent', async () => {
    const caller = '+14155550166';
    const sid = newCallSid();
    // Full STIR/SHAKEN attestation: the caller owns the number, so the call joins their thread.
    const params = callParams(sid, { From: caller, StirVerstat: 'TN-Validation-Passed-A' });
    await stack.post('/twilio/voice', params);
    await stack.post('/twilio/voice/turn', {
      ...params,
      SpeechResult: 'Do you take insurance?',
      Confidence: '0.9',
    });
    const smsSid = `SM${sid.slice(2)}`;
    await stack.post('/twilio/sms', {
      MessageSid: smsSid,
      From: caller,
      To: DEMO_TENANT.phoneNumber,
      Body: 'How much does a cleaning cost?',
    });
    await waitFor(
      async () =>
        (
          await rows(`SELECT 1 FROM outbound_messages WHERE "to" = $1 AND purpose = 'reply'`, [
            caller,
          ])
        ).length === 1,
      20_000,
      'sms reply',
    );
    const [reply] = await rows(
      `SELECT body FROM outbound_messages WHERE "to" = $1 AND purpose = 'reply'`,
      [caller],
    );
    expect(reply.body).toContain('$120');
    const contact = (
      await rows('SELECT id FROM contacts WHERE tenant_id = $1 AND phone = $2', [
        stack.tenantId,
        caller,
      ])
    )[0];
    const conv = conversationRowId(stack.tenantId, contactConversationKey(contact.id));
    const msgs = await rows(
      'SELECT channel, role, provider_sid FROM messages WHERE conversation_id = $1 ORDER BY created_at, id',
      [conv],
    );
    expect(msgs.map((m) => `${m.channel}:${m.role}`)).toEqual([
      'voice:caller',
      'voice:agent',
      'sms:caller',
      'sms:agent',
    ]);
    // Each turn is named by the provider's ids, so a retried webhook or activity stores it once.
    expect(msgs.map((m) => m.provider_sid)).toEqual([
      turnMessageSids(`${sid}:turn:1`).caller,
      turnMessageSids(`${sid}:turn:1`).reply,
      turnMessageSids(smsSid).caller,
      turnMessageSids(smsSid).reply,
    ]);
    expect(AGENT_NOW.getUTCFullYear()).toBe(2030);
  }, 60_000);
});
