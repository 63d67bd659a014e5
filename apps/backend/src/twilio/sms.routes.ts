import express from 'express';
import { z } from 'zod';
import {
  contactConversationKey,
  findOpenWaitlistOffer,
  findTenantByPhoneNumber,
  getContactByPhone,
  markWebhookEvent,
  claimWebhookEvent,
  setContactOptOut,
  upsertContactByPhone,
} from '@receptionist/db';
import { isYesReply, smsKeyword } from '@receptionist/domain';
import { maskPhone } from '@receptionist/observability';
import type { TwilioDeps } from './deps.ts';
import { emptyMessagingResponse } from './twiml.ts';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
const smsSchema = z.object({
  MessageSid: z.string().min(1).max(64),
  From: e164,
  To: e164,
  Body: z.string().max(1_600).default(''),
});

/**
 * Incoming texts: acknowledged at once with empty TwiML; the reply goes out through the REST API
 * from the contact's own workflow, which answers that contact's texts one after another.
 */
export function createSmsRouter(deps: TwilioDeps): express.Router {
  const router = express.Router();
  router.post('/sms', async (req, res) => {
    const body = smsSchema.parse(req.body);
    const ack = () => res.type('text/xml').send(emptyMessagingResponse());
    const tenant = await findTenantByPhoneNumber(deps.db, body.To);
    if (!tenant) {
      deps.logger.warn({ to: maskPhone(body.To) }, 'text to a number no business owns');
      ack();
      return;
    }
    let keyword = smsKeyword(body.Body);
    // START and its synonyms opt a number back in, so they only mean that for a number that is
    // opted out. Anyone else's "Yes" answers the conversation (a booking read back to them).
    if (keyword === 'start' && !(await getContactByPhone(deps.db, tenant.id, body.From))?.optedOut)
      keyword = null;
    // Claimed, not only recorded: a text whose handling failed is handled again on Twilio's
    // retry, and concurrent deliveries of one text have one effect.
    const claim = await claimWebhookEvent(deps.db, {
      provider: 'twilio',
      eventId: body.MessageSid,
      eventType: keyword ? `sms.${keyword}` : 'sms.inbound',
      tenantId: tenant.id,
    });
    if (!claim.claimed) {
      ack();
      return;
    }
    const contact =
      keyword === 'stop' || keyword === 'start'
        ? await setContactOptOut(deps.db, tenant.id, body.From, keyword === 'stop')
        : await upsertContactByPhone(deps.db, tenant.id, body.From);
    // The agent service stores the text and its reply when the contact's workflow asks it.
    try {
      // YES from a waitlisted caller with an open offer takes the slot: it goes to the slot's
      // offer workflow, which books it; any other text goes to the conversation as usual.
      const offer =
        keyword === null && deps.workflows.waitlistReply && isYesReply(body.Body)
          ? await findOpenWaitlistOffer(deps.db, tenant.id, body.From)
          : null;
      if (offer?.offerWorkflowId && (offer.offerExpiresAt?.getTime() ?? 0) > Date.now())
        await deps.workflows.waitlistReply!(offer.offerWorkflowId, {
          tenantId: tenant.id,
          entryId: offer.id,
          messageSid: body.MessageSid,
        });
      else
        await deps.workflows.smsInbound({
          messageSid: body.MessageSid,
          tenantId: tenant.id,
          contactId: contact.id,
          conversationKey: contactConversationKey(contact.id),
          from: body.From,
          to: body.To,
          body: body.Body,
          keyword,
        });
    } catch (err) {
      await markWebhookEvent(deps.db, 'twilio', body.MessageSid, 'failed', { error: String(err) });
      throw err;
    }
    await markWebhookEvent(deps.db, 'twilio', body.MessageSid, 'processed');
    ack();
  });
  return router;
}
