// The call workflow on the dev server with the real channel activities: what the caller is texted
// once the call has ended, and in which language.
import { describe, expect, it } from 'vitest';
import { insertBooking } from '@receptionist/db';
import {
  CALL_ENDED_SIGNAL,
  CALL_EVENT_SIGNAL,
  callWorkflowId,
  type CallEndedSignal,
  type CallEvent,
} from '@receptionist/domain';
import { placeCall as placeFixtureCall } from './call.fixture.ts';
import { useHarness, waitForPhase } from './harness.ts';

const h = useHarness('call');

/** A call of a fresh caller, with what the tests do with it: run its events, read its texts. */
async function placeCall(tenantId: string, contactLanguage?: string) {
  const { input, contact, handle, callerPhone } = await placeFixtureCall(
    h,
    tenantId,
    contactLanguage,
  );
  return {
    input,
    contact,
    async run(
      events: CallEvent[],
      ended: CallEndedSignal = { status: 'completed', durationSeconds: 42 },
    ) {
      for (const e of events) await handle.signal(CALL_EVENT_SIGNAL, e);
      await handle.signal(CALL_ENDED_SIGNAL, ended);
      return (await handle.result()) as { outcome: string };
    },
    /** What the caller was texted, by purpose. */
    async texts() {
      return (await h.texts(tenantId))
        .filter((t) => t.to === callerPhone)
        .map((t) => [t.purpose, t.body]);
    },
  };
}

describe('after the call', () => {
  it('texts a caller whose question was answered how to reach us', async () => {
    const tenant = await h.makeTenant({ name: 'Bright Smile' });
    const call = await placeCall(tenant.id);
    expect(await call.run([{ type: 'caller_spoke' }])).toEqual({ outcome: 'question_answered' });
    expect(await call.texts()).toEqual([
      [
        'follow_up',
        "Thanks for calling Bright Smile. If you'd like to book or have another question, just reply to this text.",
      ],
    ]);
    await h.saveWorkflowHistory(callWorkflowId(call.input.callSid), 'question-answered');
  }, 30_000);

  it('takes whether the caller spoke from the end of the call: no signal during the call needed', async () => {
    const tenant = await h.makeTenant({ name: 'Quiet Line' });
    const spoke = await placeCall(tenant.id);
    expect(
      await spoke.run([], { status: 'completed', durationSeconds: 30, callerSpoke: true }),
    ).toEqual({ outcome: 'question_answered' });
    const silent = await placeCall(tenant.id);
    expect(
      await silent.run([], { status: 'completed', durationSeconds: 5, callerSpoke: false }),
    ).toEqual({ outcome: 'missed' });
  }, 30_000);

  it('texts nothing more after a booking made in the call: the deposit link is the text', async () => {
    const tenant = await h.makeTenant({ depositRequired: true, depositAmountMinor: 2500 });
    const call = await placeCall(tenant.id);
    // What the agent does during the call: the booking workflow holds the slot and texts the link.
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: new Date(Date.now() + 48 * 3_600_000),
      contactPhone: call.input.callerPhone,
    });
    await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    expect(
      await call.run([{ type: 'caller_spoke' }, { type: 'booking_started', bookingId }]),
    ).toEqual({ outcome: 'abandoned' });
    expect((await call.texts()).map(([purpose]) => purpose)).toEqual(['notification']);
    await h.saveWorkflowHistory(callWorkflowId(call.input.callSid), 'deposit-booked-in-call');
  }, 30_000);

  it('knows of a booking made in the call from the bookings table when its signal was lost', async () => {
    const tenant = await h.makeTenant();
    const call = await placeCall(tenant.id);
    const startsAt = new Date(Date.now() + 72 * 3_600_000);
    await insertBooking(h.db.pool, tenant.id, {
      contactId: call.contact.id,
      status: 'confirmed',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
    });
    expect(await call.run([{ type: 'caller_spoke' }])).toEqual({ outcome: 'question_answered' });
    expect(await call.texts()).toEqual([]);
  }, 30_000);

  it('texts the caller nothing after a hand-over to the staff', async () => {
    const tenant = await h.makeTenant();
    const call = await placeCall(tenant.id);
    const result = await call.run([
      { type: 'caller_spoke' },
      { type: 'transfer', to: '+14155550199', summary: 'Toothache.', recorded: false },
    ]);
    expect(result).toEqual({ outcome: 'escalated' });
    expect(await call.texts()).toEqual([]);
    // The escalation the staff are told of is the call's.
    const rows = await h.db.pool.query(
      'SELECT kind FROM escalations WHERE tenant_id = $1 AND call_id = $2',
      [tenant.id, call.input.callId],
    );
    expect(rows.rows).toEqual([{ kind: 'transfer' }]);
    await h.saveWorkflowHistory(callWorkflowId(call.input.callSid), 'transferred');
  }, 30_000);

  it('keeps the promise of a text when a transfer went unanswered and no message was left', async () => {
    const tenant = await h.makeTenant();
    const call = await placeCall(tenant.id);
    await call.run([
      { type: 'caller_spoke' },
      { type: 'transfer', to: '+14155550199', summary: 'Billing.', recorded: false },
      { type: 'transfer_unanswered' },
      { type: 'sms_requested' },
    ]);
    expect((await call.texts()).map(([purpose]) => purpose)).toEqual(['follow_up']);
  }, 30_000);

  it('texts in the language the call ended in, else the contact one, else the tenant default', async () => {
    const tenant = await h.makeTenant({
      name: 'Clínica Sonrisa',
      languages: ['en-US', 'es-US', 'fr-CA'],
    });
    // Missed, the backend kept French for the call (the caller's earlier booking was in French).
    const missed = await placeCall(tenant.id);
    expect(
      await missed.run([], { status: 'no-answer', durationSeconds: 0, language: 'fr-CA' }),
    ).toEqual({ outcome: 'missed' });
    expect(await missed.texts()).toEqual([
      [
        'missed_call',
        "Clínica Sonrisa : désolés d'avoir manqué votre appel ! Répondez à ce message et nous vous aiderons à prendre rendez-vous ou à trouver une réponse à votre question.",
      ],
    ]);
    await h.saveWorkflowHistory(callWorkflowId(missed.input.callSid), 'missed-in-french');
    // No language from the call (the status callback outlived the call's context): the contact's.
    const answered = await placeCall(tenant.id, 'es-US');
    await answered.run([{ type: 'caller_spoke' }]);
    expect(await answered.texts()).toEqual([
      [
        'follow_up',
        'Gracias por llamar a Clínica Sonrisa. Si desea reservar una cita o tiene otra pregunta, responda a este mensaje.',
      ],
    ]);
    // A language the business does not speak falls back to its first one.
    const other = await placeCall(tenant.id);
    await other.run([{ type: 'caller_spoke' }], {
      status: 'completed',
      durationSeconds: 30,
      language: 'de-DE',
    });
    expect((await other.texts())[0]?.[1]).toMatch(/^Thanks for calling Clínica Sonrisa\./);
  }, 30_000);
});
