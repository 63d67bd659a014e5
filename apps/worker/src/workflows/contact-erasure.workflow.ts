import { patched, proxyActivities } from '@temporalio/workflow';
import type { ContactErasureInput } from '@receptionist/booking-client/messages';
import type { ErasureCounts } from '@receptionist/db';
import type { ErasureActivities } from '../activities/erasure.activities.ts';

// An erasure must happen: keep trying for a long while (the activity is one transaction).
const acts = proxyActivities<ErasureActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 50,
  },
});

// The CRM is an external service behind the `hubspot` breaker (10 s a request): a minute covers
// the lookups and deletes of one contact. Through an outage or a 429 (its Retry-After is the
// next delay) it keeps trying for about a day; a refusal is recorded, not retried.
const crm = proxyActivities<ErasureActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    maximumAttempts: 60,
    nonRetryableErrorTypes: ['ErasureMissing'],
  },
});

/** Erases one contact's data, asked for through the admin API: our database, then the CRM. */
export async function contactErasureWorkflow(input: ContactErasureInput): Promise<ErasureCounts> {
  const counts = await acts.eraseContact(input);
  // Runs started before the CRM step existed finish as they began.
  if (!patched('contact-erasure-crm')) return counts;
  const outcome = await crm.eraseContactFromCrm({
    tenantId: input.tenantId,
    contactId: input.contactId,
  });
  return { ...counts, ...outcome };
}
