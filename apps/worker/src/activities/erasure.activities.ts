import { ApplicationFailure } from '@temporalio/activity';
import {
  eraseContactData,
  getContact,
  getContactErasure,
  getCrmConnection,
  getCrmLink,
  recordContactErasure,
  recordCrmErasure,
  withTransaction,
  type Db,
  type ErasureCounts,
} from '@receptionist/db';
import {
  CrmRateLimited,
  CrmRejected,
  type HubSpotCrmFactory,
  type SignedWebhookSender,
} from '@receptionist/integrations/crm';
import type { Logger } from '@receptionist/observability';

export interface ErasureActivityDeps {
  db: Db;
  logger?: Logger;
  /** The CRM sync's HubSpot adapter and webhook sender; absent, the CRM step records not_configured. */
  crm?: { hubspot: HubSpotCrmFactory | null; webhooks: SignedWebhookSender | null };
}

type CrmOutcome = Required<Pick<ErasureCounts, 'crm' | 'crmWebhook'>>;

/**
 * A contact's erasure: everything in our database in one transaction, with its record; then, as
 * a step of its own, the business's CRM. The external knowledge index (Pinecone) holds the
 * business's own knowledge entries, never a caller's words, so there is nothing of a contact's
 * to remove there.
 */
export function createErasureActivities(deps: ErasureActivityDeps) {
  const rateLimited = (err: CrmRateLimited) =>
    ApplicationFailure.create({
      type: 'CrmRateLimited',
      message: err.message,
      nextRetryDelay: err.retryAfterMs,
    });

  return {
    async eraseContact(e: {
      tenantId: string;
      contactId: string;
      requestedBy: string;
    }): Promise<ErasureCounts> {
      const done = await getContactErasure(deps.db, e.tenantId, e.contactId);
      if (done) return done.counts;
      return withTransaction(deps.db, async (tx) => {
        // The CRM step comes after this transaction, when the contact row is gone: keep their
        // number on the erasure record for it, only where a HubSpot connection could need it.
        const conn = await getCrmConnection(tx, e.tenantId);
        const crmPhone = conn?.hubspotToken
          ? ((await getContact(tx, e.tenantId, e.contactId))?.phone ?? null)
          : null;
        const counts = await eraseContactData(tx, e.tenantId, e.contactId);
        await recordContactErasure(tx, e.tenantId, { ...e, counts, crmPhone });
        return counts;
      });
    },

    /**
     * The contact deleted from the business's HubSpot (GDPR delete, by the id the CRM sync
     * stored, then by number) and a `contact.erased` event sent to its signed webhook. Runs
     * after eraseContact; once recorded, a repeated run answers the recorded outcome, and before
     * that a repeat is harmless (a contact already gone is a 404, counted done).
     */
    async eraseContactFromCrm(e: { tenantId: string; contactId: string }): Promise<CrmOutcome> {
      const rec = await getContactErasure(deps.db, e.tenantId, e.contactId);
      if (!rec)
        throw ApplicationFailure.nonRetryable('the erasure is not recorded', 'ErasureMissing');
      if (rec.counts.crm && rec.counts.crmWebhook)
        return { crm: rec.counts.crm, crmWebhook: rec.counts.crmWebhook };
      const conn = await getCrmConnection(deps.db, e.tenantId);
      const out: CrmOutcome = { crm: 'not_configured', crmWebhook: 'not_configured' };
      const port =
        conn?.hubspotToken && deps.crm?.hubspot
          ? deps.crm.hubspot.forToken(conn.hubspotToken)
          : null;
      const link = await getCrmLink(deps.db, e.tenantId, 'hubspot', 'contact', e.contactId);
      // The CRM's refusal is recorded (and logged) as such; a rate limit is retried, the rest thrown.
      const refused = (err: unknown, msg: string): 'rejected' => {
        if (err instanceof CrmRateLimited) throw rateLimited(err);
        if (!(err instanceof CrmRejected)) throw err;
        deps.logger?.warn(
          { tenantId: e.tenantId, contactId: e.contactId, status: err.status },
          msg,
        );
        return 'rejected';
      };
      if (port) {
        try {
          out.crm = await port.eraseContact({
            crmId: link?.externalId ?? null,
            phone: rec.crmPhone,
          });
        } catch (err) {
          out.crm = refused(err, 'crm erasure refused');
        }
      }
      if (conn?.webhookUrl && conn.webhookSecret && deps.crm?.webhooks) {
        try {
          // Our id only: the receiver matches it to what contact.upserted sent; no number.
          await deps.crm.webhooks.deliver(conn.webhookUrl, conn.webhookSecret, {
            id: `contact.erased:${e.contactId}`,
            type: 'contact.erased',
            tenantId: e.tenantId,
            occurredAt: rec.completedAt.toISOString(),
            data: {
              id: e.contactId,
              crm: out.crm,
              ...(link?.externalId ? { hubspotId: link.externalId } : {}),
            },
          });
          out.crmWebhook = 'sent';
        } catch (err) {
          out.crmWebhook = refused(err, 'crm erasure webhook refused');
        }
      }
      await withTransaction(deps.db, (tx) => recordCrmErasure(tx, e.tenantId, e.contactId, out));
      return out;
    },
  };
}

export type ErasureActivities = ReturnType<typeof createErasureActivities>;
