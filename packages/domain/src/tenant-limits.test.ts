import { describe, expect, it } from 'vitest';
import {
  boundLeadCustom,
  DEFAULT_LIMITS,
  LEAD_CUSTOM_LIMITS,
  tenantLimits,
  tenantLimitsSchema,
} from './tenant-limits.ts';

describe('tenant limits', () => {
  it('are the defaults, overridden field by field by settings.limits', () => {
    expect(tenantLimits({ settings: {} })).toEqual(DEFAULT_LIMITS);
    expect(
      tenantLimits({ settings: { limits: { smsPerDay: 3, allowedCountries: ['US', 'CA'] } } }),
    ).toEqual({ ...DEFAULT_LIMITS, smsPerDay: 3, allowedCountries: ['US', 'CA'] });
  });

  it('never become unbounded: out-of-range or unknown settings are refused, stored junk is ignored', () => {
    expect(tenantLimitsSchema.safeParse({ smsPerDay: 1e9 }).success).toBe(false);
    expect(tenantLimitsSchema.safeParse({ dialsPerDay: 1.5 }).success).toBe(false);
    expect(tenantLimitsSchema.safeParse({ turnsPerMinutePerContact: 0 }).success).toBe(false);
    expect(tenantLimitsSchema.safeParse({ allowedCountries: ['usa'] }).success).toBe(false);
    expect(tenantLimitsSchema.safeParse({ unlimited: true }).success).toBe(false);
    expect(tenantLimits({ settings: { limits: { smsPerDay: -1 } } })).toEqual(DEFAULT_LIMITS);
  });

  it('cap lead.custom in field count, key and value length', () => {
    const huge = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`${'k'.repeat(200)}${i}`, 'v'.repeat(100_000)]),
    );
    const bounded = boundLeadCustom({ ...huge, nested: { a: 1 } })!;
    expect(Object.keys(bounded).length).toBeLessThanOrEqual(LEAD_CUSTOM_LIMITS.fields);
    for (const [k, v] of Object.entries(bounded)) {
      expect(k.length).toBeLessThanOrEqual(LEAD_CUSTOM_LIMITS.keyLength);
      expect(v.length).toBeLessThanOrEqual(LEAD_CUSTOM_LIMITS.valueLength);
    }
    expect(boundLeadCustom({ insurer: 'Delta', visits: 3 })).toEqual({
      insurer: 'Delta',
      visits: '3',
    });
    expect(boundLeadCustom('nope')).toBeUndefined();
  });
});
