import { proxyActivities } from '@temporalio/workflow';
import type { CallAnalysisInput } from '@receptionist/booking-client/messages';
import type { CallAnalysisActivities } from '../activities/call-analysis.activities.ts';

// Claude may take seconds; the rules answer when it does not. A few tries cover a worker restart.
const acts = proxyActivities<CallAnalysisActivities>({
  startToCloseTimeout: '90 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 5,
  },
});

/** After each call: the structured record staff read with it (intent, outcome, follow-up, mood). */
export async function callAnalysisWorkflow(
  input: CallAnalysisInput,
): Promise<{ analysed: boolean; source: 'claude' | 'rules' | null }> {
  const r = await acts.analyseCall({ tenantId: input.tenantId, callId: input.callId });
  return { analysed: r !== null, source: r?.source ?? null };
}
