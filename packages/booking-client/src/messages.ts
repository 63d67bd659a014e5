/**
 * The booking workflows' public surface: inputs, signals and queries. Shared by the workflows
 * (inside Temporal's sandbox) and by the client other processes use
 * (`@receptionist/booking-client`), so both sides agree on names and shapes.
 * Dates cross the wire as ISO strings.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Deterministic per booking: starting twice is a no-op and webhooks can address it. */
export const bookingWorkflowId = (bookingId: string) => `booking-${bookingId}`;

export interface BookingInput {
  tenantId: string;
  bookingId: string;
  startsAt: string;
  endsAt?: string;
  service?: string;
  resource?: string;
  /** E.164 number the texts go to. */
  contactPhone: string;
  contactName?: string;
  /**
   * 'new' holds, takes the deposit and confirms; 'adopt' follows a booking that already exists
   * confirmed at the provider (made on the Cal.com page) and only reminds and follows up.
   */
  mode?: 'new' | 'adopt';
  /**
   * 'conversation' when the agent books while talking with the caller: a slot taken in the
   * meantime is told on the call (with other times), so no "that time was taken" text follows.
   */
  origin?: 'conversation';
  /**
   * The language of the conversation the booking was made in, one of the tenant's BCP 47 tags
   * ("fr-CA"): the booking's texts are written in it. Absent: the contact's last booking language,
   * else the tenant's default. A tag the tenant does not speak falls back the same way.
   */
  language?: string;
}

export type BookingPhase =
  | 'holding'
  | 'awaiting_payment'
  | 'confirming'
  | 'confirmed'
  | 'cancelling'
  | 'cancelled'
  | 'expired'
  | 'slot_taken'
  | 'completed'
  | 'no_show';

export interface BookingStatusView {
  tenantId: string;
  bookingId: string;
  phase: BookingPhase;
  startsAt: string;
  endsAt: string | null;
  checkoutUrl: string | null;
  paid: boolean;
  refundedMinor: number;
  /** Why the last request was refused (e.g. a reschedule to a taken slot). */
  lastError: string | null;
}

interface Addressed {
  /** Must match the booking's tenant; anything else is ignored. */
  tenantId: string;
}
export interface PaymentSucceeded extends Addressed {
  eventId: string;
  paymentIntentId: string | null;
}
export interface PaymentFailed extends Addressed {
  eventId: string;
  reason?: string;
  /**
   * The session is over (a delayed payment, checkout.session.async_payment_failed): no retry is
   * possible, so the hold is released. A declined card (payment_intent.payment_failed) is not.
   */
  final?: boolean;
}
export interface CancelRequest extends Addressed {
  reason: string;
  /** 'provider' when Cal.com already cancelled it: we do not cancel there again. */
  source: 'caller' | 'business' | 'provider';
  /** ISO time the cancellation was asked for; the refund policy is applied at this time. */
  requestedAt?: string;
}
export interface RescheduleRequest extends Addressed {
  startsAt: string;
  endsAt?: string;
  /** The provider's id of the moved booking when the move came from the provider. */
  externalId?: string;
  source: 'caller' | 'business' | 'provider';
}
export interface AttendanceReport extends Addressed {
  attended: boolean;
}

export const paymentSucceededSignal = defineSignal<[PaymentSucceeded]>('paymentSucceeded');
export const paymentFailedSignal = defineSignal<[PaymentFailed]>('paymentFailed');
export const cancelSignal = defineSignal<[CancelRequest]>('cancel');
export const rescheduleSignal = defineSignal<[RescheduleRequest]>('reschedule');
export const attendanceSignal = defineSignal<[AttendanceReport]>('attendance');
export const statusQuery = defineQuery<BookingStatusView>('status');

export interface RemindersInput {
  tenantId: string;
  bookingId: string;
  startsAt: string;
  endsAt: string;
  reminderOffsetsMs: number[];
  followUpDelayMs: number;
}
export type AppointmentOutcome = 'completed' | 'no_show' | 'skipped';

export interface CancelBookingInput {
  tenantId: string;
  bookingId: string;
  reason: string;
  source: CancelRequest['source'];
  requestedAt: string;
}

export interface RescheduleBookingInput {
  tenantId: string;
  bookingId: string;
  startsAt: string;
  endsAt?: string;
  externalId?: string;
  source: RescheduleRequest['source'];
}

// After the appointment and the waitlist: no-show, review request, freed-slot offers.

/** Returned by the reminders workflow once the appointment is over and its grace has passed. */
export type RemindersResult = AppointmentOutcome | 'ended';

export const noShowWorkflowId = (bookingId: string) => `no-show-${bookingId}`;
export const reviewRequestWorkflowId = (bookingId: string) => `review-request-${bookingId}`;
/**
 * One offer workflow per freed slot: a cancel and a reschedule freeing it again start it once.
 * The start in epoch milliseconds keeps the id free of colons.
 */
export const waitlistOfferWorkflowId = (tenantId: string, resource: string, startsAt: string) =>
  `waitlist-${tenantId}-${resource}-${Date.parse(startsAt)}`;

export interface AppointmentFollowUpInput {
  tenantId: string;
  bookingId: string;
  /** The start the appointment had: a booking moved since is not followed up here. */
  startsAt: string;
}

export interface WaitlistOfferInput {
  tenantId: string;
  /** The booking whose cancel or move freed the slot (its service and resource are the slot's). */
  bookingId: string;
  startsAt: string;
  endsAt: string;
  /** How long each caller has to answer; the tenant's `waitlistReplyMinutes` unless given. */
  replyMs?: number;
}

export interface WaitlistReply extends Addressed {
  entryId: string;
  /** The Twilio MessageSid of the YES. */
  messageSid: string;
}

export interface WaitlistOfferView {
  tenantId: string;
  /** The entry the slot is offered to now, or null between offers. */
  offeredEntryId: string | null;
  /** Entries whose offer lapsed, in the order they were offered. */
  passed: string[];
  outcome: 'offering' | 'booked' | 'no_one_waiting' | 'slot_gone';
  bookingId: string | null;
}

export const waitlistReplySignal = defineSignal<[WaitlistReply]>('waitlistReply');
export const waitlistOfferQuery = defineQuery<WaitlistOfferView>('waitlistOffer');
// The outbound call and campaign workflows' messages.
export * from './outbound-call.messages.ts';
// The CRM sync workflow's messages.
export * from './crm-sync.messages.ts';
// The knowledge ingest workflow's id, input and progress query.
export * from './knowledge-ingest.messages.ts';
// The calendar reconcile workflow's ids and shapes.
export * from './calendar-reconcile.messages.ts';
export * from './follow-up-messages.ts';
