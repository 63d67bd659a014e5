import { z } from 'zod';

/**
 * How long a business keeps what callers said and were sent (tenant `settings.retention`):
 * transcripts, call summaries with their analyses, and the texts sent. Null keeps them.
 */
const days = z.number().int().min(1).max(3_650).nullable();
export const retentionSettingsSchema = z.strictObject({
  transcriptsDays: days.default(null),
  summariesDays: days.default(null),
  outboundTextsDays: days.default(null),
});
export type RetentionSettings = z.output<typeof retentionSettingsSchema>;
export type RetentionKind = 'transcripts' | 'summaries' | 'outbound_texts';

export function retentionSettings(settings: Record<string, unknown>): RetentionSettings {
  const parsed = retentionSettingsSchema.safeParse(settings.retention ?? {});
  return parsed.success ? parsed.data : retentionSettingsSchema.parse({});
}

/** The cut-off of each kind the business keeps for a limited time, as of `now`. */
export function retentionCutoffs(
  s: RetentionSettings,
  now: Date,
): { kind: RetentionKind; before: Date }[] {
  const out: { kind: RetentionKind; before: Date }[] = [];
  const at = (d: number) => new Date(now.getTime() - d * 86_400_000);
  if (s.transcriptsDays) out.push({ kind: 'transcripts', before: at(s.transcriptsDays) });
  if (s.summariesDays) out.push({ kind: 'summaries', before: at(s.summariesDays) });
  if (s.outboundTextsDays) out.push({ kind: 'outbound_texts', before: at(s.outboundTextsDays) });
  return out;
}
