import {
  CancellationScope,
  ApplicationFailure,
  ActivityFailure,
  condition,
  executeChild,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { BookingTextKind } from '@receptionist/domain';
import {
  callerActs,
  callerPaymentActs,
  paymentActs,
  recordActs,
  textActs,
} from './activity-options.ts';
import {
  attendanceSignal,
  cancelSignal,
  paymentFailedSignal,
  paymentSucceededSignal,
  rescheduleSignal,
  statusQuery,
  type BookingInput,
  type BookingStatusView,
  type CancelRequest,
  type RemindersResult,
  type RescheduleRequest,
} from '@receptionist/booking-client/messages';
import { cancelBookingWorkflow } from './cancel-booking.workflow.ts';
import { rescheduleBookingWorkflow } from './reschedule-booking.workflow.ts';
import { remindersWorkflow } from './reminders.workflow.ts';
import { followUpAppointment, offerFreedSlot, settleAppointment } from './booking-after.ts';

function failureType(err: unknown): string | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
}

/**
 * One booking from "yes" to the follow-up after the appointment: hold the slot, take the deposit
 * when the tenant asks for one (with a hold timeout and one reminder), confirm with the calendar,
 * text the confirmation, run the reminders, and handle cancel/reschedule/no-show at any point.
 * Id: booking-<bookingId>. Every side effect is an activity with an idempotency key, so replays,
 * retries and worker restarts never book, charge or text twice.
 */
export async function bookingWorkflow(input: BookingInput): Promise<BookingStatusView> {
  const { tenantId, bookingId } = input;
  const state: BookingStatusView = {
    tenantId,
    bookingId,
    phase: input.mode === 'adopt' ? 'confirmed' : 'holding',
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    checkoutUrl: null,
    paid: false,
    refundedMinor: 0,
    lastError: null,
  };
  let paymentIntentId: string | null = null;
  let paymentFailures = 0;
  let failureNoticesSent = 0;
  // A delayed payment that failed for good (async_payment_failed): the slot goes back.
  let paymentFinallyFailed = false;
  let cancelRequest: CancelRequest | null = null;
  const reschedules: RescheduleRequest[] = [];
  // Staff's last word on attendance (null: never marked), read when the appointment is settled.
  let attended: boolean | null = null;
  /** The business's last attendance report not yet recorded: false is a no-show. */
  let attendanceReport: boolean | null = null;

  setHandler(statusQuery, () => state);
  // Signals for another tenant's booking are ignored: a workflow id alone is not authority.
  setHandler(paymentSucceededSignal, (p) => {
    if (p.tenantId !== tenantId || state.paid) return;
    state.paid = true;
    paymentIntentId = p.paymentIntentId;
  });
  setHandler(paymentFailedSignal, (p) => {
    if (p.tenantId !== tenantId || state.paid) return;
    paymentFailures++;
    if (p.final) paymentFinallyFailed = true;
  });
  setHandler(cancelSignal, (c) => {
    if (c.tenantId === tenantId && !cancelRequest)
      cancelRequest = { ...c, requestedAt: c.requestedAt ?? new Date().toISOString() };
  });
  setHandler(rescheduleSignal, (r) => {
    if (r.tenantId === tenantId) reschedules.push(r);
  });
  setHandler(attendanceSignal, (a) => {
    if (a.tenantId !== tenantId) return;
    attended = a.attended;
    // Runs started before 'attended' was recorded ignored it; their histories replay that way.
    if (a.attended && !patched('attendance-attended')) return;
    attendanceReport = a.attended;
  });

  const text = (kind: BookingTextKind, key: string = kind) =>
    textActs.sendBookingText({
      tenantId,
      bookingId,
      kind,
      idempotencyKey: `booking:${bookingId}:${key}`,
    });

  const plan = await callerActs.prepareBooking({
    tenantId,
    bookingId,
    contactPhone: input.contactPhone,
    contactName: input.contactName,
    // Data only (the same activity in the same place): old histories replay unchanged.
    language: input.language,
  });

  const cancel = async (): Promise<BookingStatusView> => {
    const c = cancelRequest!;
    state.phase = 'cancelling';
    const result = await executeChild(cancelBookingWorkflow, {
      workflowId: `${workflowInfo().workflowId}-cancel`,
      args: [
        { tenantId, bookingId, reason: c.reason, source: c.source, requestedAt: c.requestedAt! },
      ],
    });
    state.refundedMinor = result.refundedMinor;
    state.phase = 'cancelled';
    await offerFreedSlot({ tenantId, bookingId, resource: input.resource }, state);
    return state;
  };

  const releaseUnpaid = async (reason: string): Promise<BookingStatusView> => {
    await recordActs.releaseHold({ tenantId, bookingId });
    state.phase = 'expired';
    state.lastError = reason;
    await text('hold_expired');
    return state;
  };

  const applyReschedule = async (r: RescheduleRequest): Promise<void> => {
    const result = await executeChild(rescheduleBookingWorkflow, {
      workflowId: `${workflowInfo().workflowId}-reschedule-${r.startsAt}`,
      args: [
        {
          tenantId,
          bookingId,
          startsAt: r.startsAt,
          endsAt: r.endsAt,
          externalId: r.externalId,
          source: r.source,
        },
      ],
    });
    if (result.ok) {
      const [freedStart, freedEnd] = [state.startsAt, state.endsAt];
      state.startsAt = result.startsAt;
      state.endsAt = result.endsAt;
      state.lastError = null;
      if (freedStart !== result.startsAt)
        await offerFreedSlot(
          { tenantId, bookingId, resource: input.resource },
          { startsAt: freedStart, endsAt: freedEnd },
        );
    } else {
      state.lastError = result.reason;
    }
  };

  if (input.mode !== 'adopt') {
    const holdExpiresAt = Date.now() + plan.holdTimeoutMs;
    try {
      const held = await callerActs.holdSlot({
        tenantId,
        bookingId,
        workflowId: workflowInfo().workflowId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        service: input.service,
        resource: input.resource,
        contactId: plan.contactId,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        depositDue: plan.depositDue,
        holdExpiresAt: new Date(holdExpiresAt).toISOString(),
      });
      state.startsAt = held.startsAt;
      state.endsAt = held.endsAt;
    } catch (err) {
      const type = failureType(err);
      if (type !== 'SlotTaken' && type !== 'SlotUnavailable') throw err;
      state.phase = 'slot_taken';
      state.lastError = type;
      if (input.origin !== 'conversation')
        await textActs.sendBookingText({
          tenantId,
          bookingId,
          kind: 'slot_taken',
          idempotencyKey: `booking:${bookingId}:slot_taken`,
          to: input.contactPhone,
          startsAt: input.startsAt,
          language: input.language,
        });
      return state;
    }

    // Called off while the slot was being held (the agent gave up waiting and told the caller it
    // could not be booked): no deposit link for a booking the caller heard had failed.
    if (plan.depositDue && cancelRequest && patched('called-off-before-checkout')) {
      await recordActs.releaseHold({ tenantId, bookingId });
      state.phase = 'cancelled';
      return state;
    }
    if (plan.depositDue) {
      const checkout = await callerPaymentActs.createCheckout({ tenantId, bookingId });
      state.checkoutUrl = checkout.url;
      state.phase = 'awaiting_payment';
      await text('payment_link');
      const reminderAt = holdExpiresAt - plan.paymentReminderBeforeMs;
      let reminded = false;
      for (;;) {
        if (state.paid || cancelRequest) break;
        const now = Date.now();
        if (now >= holdExpiresAt) break;
        if (!reminded && now >= reminderAt) {
          reminded = true;
          await text('payment_reminder');
          continue;
        }
        const wakeAt = reminded ? holdExpiresAt : Math.min(reminderAt, holdExpiresAt);
        await condition(
          () =>
            state.paid ||
            cancelRequest !== null ||
            reschedules.length > 0 ||
            paymentFailures > failureNoticesSent,
          Math.max(1, wakeAt - now),
        );
        // Checked before the failure text: there is no link left to try again with.
        if (!state.paid && paymentFinallyFailed && patched('async-payment-failure-releases')) break;
        if (!state.paid && paymentFailures > failureNoticesSent) {
          failureNoticesSent = paymentFailures;
          await text('payment_failed', `payment_failed:${failureNoticesSent}`);
        }
        while (reschedules.length > 0 && !state.paid && !cancelRequest)
          await applyReschedule(reschedules.shift()!);
      }
      if (cancelRequest && !state.paid) return cancel();
      if (!state.paid && paymentFinallyFailed && patched('async-payment-failure-releases'))
        return releaseUnpaid('payment_failed');
      if (!state.paid) {
        // Expiring the session closes the door on a late payment; if it was paid meanwhile we
        // learn it here even when the webhook has not arrived yet.
        const expiry = await paymentActs.expireCheckout({ tenantId, bookingId });
        if (expiry.paid) {
          state.paid = true;
          paymentIntentId = expiry.paymentIntentId;
        } else if (expiry.processing && patched('async-payment-wait')) {
          // Completed with a delayed method (bank debit): the money is on its way. The slot is
          // kept until Stripe says succeeded or failed, at the latest until the appointment.
          await condition(
            () => state.paid || paymentFinallyFailed || cancelRequest !== null,
            Math.max(1, Date.parse(state.startsAt) - Date.now()),
          );
          if (cancelRequest && !state.paid) return cancel();
          if (!state.paid)
            return releaseUnpaid(paymentFinallyFailed ? 'payment_failed' : 'payment_pending');
        } else {
          await recordActs.releaseHold({ tenantId, bookingId });
          state.phase = 'expired';
          await text('hold_expired');
          return state;
        }
      }
    }

    // Called off before it was confirmed to anyone (the agent gave up waiting and told the caller
    // it could not be booked): the hold is released without texts that would say otherwise.
    if (cancelRequest && !state.paid && patched('cancel-before-confirm')) {
      await recordActs.releaseHold({ tenantId, bookingId });
      state.phase = 'cancelled';
      return state;
    }
    state.phase = 'confirming';
    try {
      await recordActs.confirmBooking({ tenantId, bookingId, paymentIntentId });
    } catch (err) {
      // Released underneath us (the business cancelled it): nothing left to confirm.
      if (failureType(err) !== 'SlotTaken') throw err;
      state.phase = 'cancelled';
      state.lastError = 'SlotTaken';
      return state;
    }
    state.phase = 'confirmed';
    await text('confirmed', `confirmed:${state.startsAt}`);
  }

  // From here until the follow-up: reminders run as a child; cancel and reschedule interrupt it.
  for (let run = 0; ; run++) {
    if (cancelRequest) return cancel();
    const scope = new CancellationScope();
    const reminders = scope.run(() =>
      executeChild(remindersWorkflow, {
        workflowId: `reminders-${bookingId}-${run}`,
        args: [
          {
            tenantId,
            bookingId,
            startsAt: state.startsAt,
            endsAt: state.endsAt ?? state.startsAt,
            reminderOffsetsMs: plan.reminderOffsetsMs,
            followUpDelayMs: plan.followUpDelayMs,
          },
        ],
      }),
    );
    let outcome: RemindersResult | null = null;
    let failed: unknown = null;
    reminders.then(
      (r) => (outcome = r),
      (err) => (failed = err),
    );
    for (;;) {
      await condition(
        () =>
          outcome !== null ||
          failed !== null ||
          cancelRequest !== null ||
          reschedules.length > 0 ||
          attendanceReport !== null,
      );
      if (attendanceReport !== null) {
        const report: boolean = attendanceReport;
        attendanceReport = null;
        await recordActs.recordAttendance({ tenantId, bookingId, attended: report });
        continue;
      }
      break;
    }
    if (outcome !== null) {
      const o: RemindersResult = outcome;
      if (o === 'ended') {
        // Only reminders runs begun with the follow-up workflows answer 'ended'.
        const ref = { tenantId, bookingId };
        const settled = await settleAppointment(ref, state.startsAt, attended);
        if (settled) {
          // The phase changes once the follow-up is done, as it did when reminders sent it.
          await followUpAppointment(ref, state.startsAt, settled);
          state.phase = settled;
        }
        return state;
      }
      state.phase = o === 'no_show' ? 'no_show' : o === 'completed' ? 'completed' : state.phase;
      return state;
    }
    if (failed !== null && !isCancellation(failed)) throw failed;
    // A cancel or a move: stop this run of reminders before acting on it.
    scope.cancel();
    await reminders.catch((err) => {
      if (!isCancellation(err)) throw err;
    });
    if (cancelRequest) return cancel();
    while (reschedules.length > 0) await applyReschedule(reschedules.shift()!);
  }
}
