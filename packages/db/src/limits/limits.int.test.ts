import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '@receptionist/testing';
import { createLimits, localDay, type LimitKind } from './limits.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await createTestRedis();
});
afterAll(async () => {
  await redis.cleanup();
});

let n = 0;
const tenant = (limits: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  timezone: 'America/New_York',
  settings: { limits },
});

describe('limits on real Redis', () => {
  it('never lets concurrent sends take more than the daily budget, and counts a key once', async () => {
    const refused: LimitKind[] = [];
    const limits = createLimits({ redis: redis.client, onExceeded: (_t, k) => refused.push(k) });
    const t = tenant({ smsPerDay: 5 });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => limits.consumeSms(t, `key-${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(refused.filter((k) => k === 'sms')).toHaveLength(35);
    // A retried activity with a key already counted is not refused nor counted again.
    const counted = results.findIndex(Boolean);
    expect(await limits.consumeSms(t, `key-${counted}`)).toBe(true);
  });

  it("resets the day's budget at the tenant's local midnight", async () => {
    let now = new Date('2030-03-04T04:59:00Z'); // 23:59 in New York
    const limits = createLimits({ redis: redis.client, now: () => now });
    const t = tenant({ dialsPerDay: 1 });
    expect(await limits.consumeDial(t)).toBe(true);
    expect(await limits.consumeDial(t)).toBe(false);
    now = new Date('2030-03-04T05:00:30Z'); // 00:00:30 the next local day
    expect(await limits.consumeDial(t)).toBe(true);
    expect(localDay('America/New_York', now)).toEqual({ date: '2030-03-04', secondsLeft: 86_370 });
  });

  it('stops model spend once tokens or cost reach the budget', async () => {
    const limits = createLimits({ redis: redis.client });
    const t = tenant({ modelTokensPerDay: 1_000, modelCostMicroUsdPerDay: 50_000 });
    expect(await limits.checkModelBudget(t)).toEqual({ ok: true });
    await limits.recordModelUsage(t, { tokens: 999, costMicroUsd: 10 });
    expect(await limits.checkModelBudget(t)).toEqual({ ok: true });
    await limits.recordModelUsage(t, { tokens: 1, costMicroUsd: 0 });
    expect(await limits.checkModelBudget(t)).toEqual({ ok: false, kind: 'model_tokens' });
    const rich = tenant({ modelCostMicroUsdPerDay: 50_000 });
    await limits.recordModelUsage(rich, { tokens: 10, costMicroUsd: 50_000 });
    expect(await limits.checkModelBudget(rich)).toEqual({ ok: false, kind: 'model_cost' });
  });

  it('limits a caller per minute and tells staff once per window, a retry of that alert included', async () => {
    const limits = createLimits({ redis: redis.client });
    const t = tenant({ turnsPerMinutePerContact: 2 });
    expect(await limits.allowTurn(t, '+14155550123')).toBe(true);
    expect(await limits.allowTurn(t, '+14155550123')).toBe(true);
    expect(await limits.allowTurn(t, '+14155550123')).toBe(false);
    expect(await limits.allowTurn(t, '+14155550124')).toBe(true);
    expect(await limits.claimEscalation(t, '+14155550123', 'CA1:transfer:1')).toBe(true);
    expect(await limits.claimEscalation(t, '+14155550123', 'CA1:transfer:1')).toBe(true);
    expect(await limits.claimEscalation(t, '+14155550123', 'CA2:transfer:1')).toBe(false);
    expect(await limits.claimEscalation(t, '+14155550124', 'CA3:transfer:1')).toBe(true);
    // Phone numbers never appear in the keys in clear.
    const keys = await redis.client.keys(`${redis.prefix}limits:${t.id}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('4155550123');
  });

  it('fails open while Redis is away, still refusing a flood counted in this process', async () => {
    const { createRedis } = await import('../redis.ts');
    const { freePort } = await import('@receptionist/testing');
    const gone = createRedis(`redis://127.0.0.1:${await freePort()}`);
    gone.on('error', () => undefined);
    const away: unknown[] = [];
    const limits = createLimits({ redis: gone, onUnavailable: (e) => away.push(e) });
    const t = tenant({ turnsPerMinutePerContact: 3, smsPerDay: 1 });
    try {
      expect(await limits.checkModelBudget(t)).toEqual({ ok: true });
      const turns = [];
      for (let i = 0; i < 5; i++) turns.push(await limits.allowTurn(t, '+14155550100'));
      expect(turns).toEqual([true, true, true, false, false]);
      expect(await limits.consumeSms(t, 'a')).toBe(true);
      expect(await limits.consumeSms(t, 'a')).toBe(true);
      expect(await limits.consumeSms(t, 'b')).toBe(false);
      expect(await limits.claimEscalation(t, '+14155550100', 'call-1')).toBe(true);
      expect(await limits.claimEscalation(t, '+14155550100', 'call-1')).toBe(true);
      expect(await limits.claimEscalation(t, '+14155550100', 'call-2')).toBe(false);
      expect(away.length).toBeGreaterThan(5);
    } finally {
      gone.disconnect();
    }
  });
});
