import { z } from 'zod';
import type { Tenant } from '@receptionist/domain';

const iso2 = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code like US');
const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * A business's spend and abuse limits, kept under `settings.limits`. Every field is a bounded
 * integer (or a short list): an operator can loosen a limit, never make it unbounded.
 */
export const tenantLimitsSchema = z.strictObject({
  /** Model tokens (input + output) per local day, across calls and texts. */
  modelTokensPerDay: int(0, 100_000_000).optional(),
  /** Model cost per local day in micro-USD (1,000,000 = one dollar). */
  modelCostMicroUsdPerDay: int(0, 10_000_000_000).optional(),
  /** Texts sent per local day, staff alerts included. */
  smsPerDay: int(0, 100_000).optional(),
  /** Transfers dialled per local day. */
  dialsPerDay: int(0, 10_000).optional(),
  /** Turns (spoken or texted) one caller number may take per minute. */
  turnsPerMinutePerContact: int(1, 600).optional(),
  /** Texts sent to one caller number per hour (staff alerts are not counted here). */
  smsPerHourPerContact: int(1, 1_000).optional(),
  /** Staff are told of one caller's escalation once per this many minutes. */
  escalationWindowMinutes: int(1, 1_440).optional(),
  /** Countries texts and transfers may go to; unset: the country of the business's own number. */
  allowedCountries: z.array(iso2).min(1).max(50).optional(),
});
export type TenantLimitsInput = z.infer<typeof tenantLimitsSchema>;

export const DEFAULT_LIMITS = {
  modelTokensPerDay: 2_000_000,
  modelCostMicroUsdPerDay: 20_000_000,
  smsPerDay: 500,
  dialsPerDay: 100,
  turnsPerMinutePerContact: 30,
  smsPerHourPerContact: 20,
  escalationWindowMinutes: 30,
} as const;

export type TenantLimits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number } & {
  allowedCountries?: string[];
};

/**
 * The limits in force for a tenant: its own settings over the defaults. Settings that fail the
 * schema (written before it existed, or by hand) fall back to the defaults rather than to none.
 */
export function tenantLimits(tenant: Pick<Tenant, 'settings'>): TenantLimits {
  const parsed = tenantLimitsSchema.safeParse(tenant.settings?.limits ?? {});
  const own = parsed.success ? parsed.data : {};
  return {
    modelTokensPerDay: own.modelTokensPerDay ?? DEFAULT_LIMITS.modelTokensPerDay,
    modelCostMicroUsdPerDay: own.modelCostMicroUsdPerDay ?? DEFAULT_LIMITS.modelCostMicroUsdPerDay,
    smsPerDay: own.smsPerDay ?? DEFAULT_LIMITS.smsPerDay,
    dialsPerDay: own.dialsPerDay ?? DEFAULT_LIMITS.dialsPerDay,
    turnsPerMinutePerContact:
      own.turnsPerMinutePerContact ?? DEFAULT_LIMITS.turnsPerMinutePerContact,
    smsPerHourPerContact: own.smsPerHourPerContact ?? DEFAULT_LIMITS.smsPerHourPerContact,
    escalationWindowMinutes: own.escalationWindowMinutes ?? DEFAULT_LIMITS.escalationWindowMinutes,
    ...(own.allowedCountries ? { allowedCountries: own.allowedCountries } : {}),
  };
}

/** Caps on what qualification may keep in `lead.custom`: field count and sizes. */
export const LEAD_CUSTOM_LIMITS = { fields: 20, keyLength: 64, valueLength: 500 } as const;

/** `lead.custom` cut down to the caps: extra fields dropped, long keys and values truncated. */
export function boundLeadCustom(custom: unknown): Record<string, string> | undefined {
  if (!custom || typeof custom !== 'object' || Array.isArray(custom)) return undefined;
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of Object.entries(custom as Record<string, unknown>)) {
    if (n >= LEAD_CUSTOM_LIMITS.fields) break;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    const key = k.slice(0, LEAD_CUSTOM_LIMITS.keyLength);
    if (!key || key in out) continue;
    out[key] = String(v).slice(0, LEAD_CUSTOM_LIMITS.valueLength);
    n += 1;
  }
  return out;
}
