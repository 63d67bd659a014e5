import { proxyActivities } from '@temporalio/workflow';
import type { ContactErasureInput } from '@receptionist/booking-client/messages';
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

/** Erases one contact's data, asked for through the admin API. */
export async function contactErasureWorkflow(input: ContactErasureInput) {
  return acts.eraseContact(input);
}
