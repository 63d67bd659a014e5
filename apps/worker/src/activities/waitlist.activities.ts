import {
  listBusyIntervals,
  localDay,
  offerNextWaitlistEntry,
  settleWaitlistOffer,
  waitlistBookingState,
} from '@receptionist/db';
import { followUpSettings, renderFollowUpText } from '@receptionist/domain';
import { bookingLookups, type BookingActivityDeps } from './booking-lookups.ts';
import { createFollowUpSender, type FollowUpSenderDeps } from './follow-up-sender.ts';

type Deps = Pick<BookingActivityDeps, 'db' | 'tenants'> & FollowUpSenderDeps;

export interface FreedSlot {
  /** The tenant's local date of the slot: whose waitlist day it is. */
  day: string;
  service: string;
  resource: string;
  replyMs: number;
}

export type WaitlistOfferStep =
  | {
      kind: 'offered';
      entryId: string;
      phone: string;
      name: string | null;
      language: string | null;
    }
  /** The next caller is in their quiet hours: ask again after this long. */
  | { kind: 'quiet'; waitMs: number }
  /** The next caller cannot be texted (opted out, over a budget): passed over. */
  | { kind: 'unreachable'; entryId: string }
  | { kind: 'none' }
  | { kind: 'slot_gone' };

/** Offers a freed slot to the waitlist, one caller at a time (the waitlist offer workflow). */
export function createWaitlistActivities(deps: Deps) {
  const { db } = deps;
  const { tenantOf, bookingOf } = bookingLookups(deps);
  const sender = createFollowUpSender(deps);

  return {
    async describeFreedSlot(input: {
      tenantId: string;
      bookingId: string;
      startsAt: string;
    }): Promise<FreedSlot> {
      const tenant = await tenantOf(input.tenantId);
      const booking = await bookingOf(tenant.id, input.bookingId);
      return {
        day: localDay(tenant.timezone, new Date(input.startsAt)).date,
        service: booking.service,
        resource: booking.resource,
        replyMs: followUpSettings(tenant).waitlistReplyMinutes * 60_000,
      };
    },

    /**
     * Gives the slot to the next caller in line and texts them "reply YES within N minutes".
     * A retry after the claim finds the same caller (the entry remembers this workflow) and the
     * text's key makes the second send a no-op.
     */
    async offerFreedSlot(
      input: FreedSlot & {
        tenantId: string;
        startsAt: string;
        endsAt: string;
        workflowId: string;
        exclude: string[];
      },
    ): Promise<WaitlistOfferStep> {
      const tenant = await tenantOf(input.tenantId);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt > input.startsAt ? input.endsAt : input.startsAt);
      if (startsAt.getTime() <= Date.now()) return { kind: 'slot_gone' };
      const busy = await listBusyIntervals(
        db,
        tenant.id,
        startsAt,
        new Date(Math.max(endsAt.getTime(), startsAt.getTime() + 1)),
        input.resource,
      );
      if (busy.length > 0) return { kind: 'slot_gone' };
      const entry = await offerNextWaitlistEntry(db, tenant.id, {
        day: input.day,
        service: input.service,
        startsAt,
        expiresAt: new Date(Date.now() + input.replyMs),
        workflowId: input.workflowId,
        exclude: input.exclude,
      });
      if (!entry) return { kind: 'none' };
      const contact = await sender.contactOf(tenant.id, entry.contactId);
      const waitMs = sender.quietWaitMs(tenant, contact);
      if (waitMs > 0) {
        // Back in line, first still: the offer is made when their night is over.
        await settleWaitlistOffer(db, tenant.id, entry.id, input.workflowId, 'lapsed');
        return { kind: 'quiet', waitMs };
      }
      const body = renderFollowUpText('waitlist_offer', {
        tenantName: tenant.name,
        language: sender.language(tenant, contact, entry.language),
        timezone: tenant.timezone,
        startsAt,
        replyMinutes: Math.max(1, Math.round(input.replyMs / 60_000)),
      });
      const sent = await sender.send({
        tenant,
        to: entry.phone,
        body,
        idempotencyKey: `waitlist:${entry.id}:offer:${input.startsAt}`,
        purpose: 'waitlist_offer',
      });
      if (sent.status === 'skipped_opted_out' || sent.status === 'skipped_limit') {
        await settleWaitlistOffer(db, tenant.id, entry.id, input.workflowId, 'lapsed');
        return { kind: 'unreachable', entryId: entry.id };
      }
      return {
        kind: 'offered',
        entryId: entry.id,
        phone: entry.phone,
        name: entry.name,
        language: entry.language,
      };
    },

    /** 'booked' with the booking's id, or lapsed (back to waiting); false if not ours any more. */
    async settleWaitlistOffer(input: {
      tenantId: string;
      entryId: string;
      workflowId: string;
      bookingId: string | null;
    }): Promise<boolean> {
      return settleWaitlistOffer(
        db,
        input.tenantId,
        input.entryId,
        input.workflowId,
        input.bookingId ? { booked: input.bookingId } : 'lapsed',
      );
    },

    async waitlistBookingHeld(input: {
      tenantId: string;
      bookingId: string;
    }): Promise<'held' | 'gone' | 'pending'> {
      return waitlistBookingState(db, input.tenantId, input.bookingId);
    },
  };
}

export type WaitlistActivities = ReturnType<typeof createWaitlistActivities>;
