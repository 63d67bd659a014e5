import { getCall, listCallMessages, saveCallAnalysis, type Db } from '@receptionist/db';
import { analyseCallByRules, type CallAnalysis } from '@receptionist/domain';
import type { CallAnalyst } from './call-analysis.claude.ts';

/**
 * The post-call analysis: Claude when the worker has a key and Claude answers, the rules
 * otherwise. Storing replaces the call's record, so a retry or a re-run is harmless.
 */
export function createCallAnalysisActivities(deps: { db: Db; analyst: CallAnalyst | null }) {
  return {
    async analyseCall(a: {
      tenantId: string;
      callId: string;
    }): Promise<(CallAnalysis & { source: 'claude' | 'rules' }) | null> {
      const call = await getCall(deps.db, a.tenantId, a.callId);
      if (!call) return null;
      const messages = await listCallMessages(deps.db, a.tenantId, call.callSid);
      const transcript = messages
        .filter((m) => m.text && m.role !== 'system')
        .map((m) => ({ role: m.role, text: m.text }));
      const claude = deps.analyst
        ? await deps.analyst.analyse({ outcome: call.outcome, transcript })
        : null;
      const analysis =
        claude ??
        analyseCallByRules({
          outcome: call.outcome,
          callerSaid: transcript.filter((m) => m.role === 'caller').map((m) => m.text),
        });
      const source = claude ? ('claude' as const) : ('rules' as const);
      await saveCallAnalysis(deps.db, a.tenantId, call.id, {
        ...analysis,
        source,
        model: claude ? deps.analyst!.model : null,
      });
      return { ...analysis, source };
    },
  };
}

export type CallAnalysisActivities = ReturnType<typeof createCallAnalysisActivities>;
