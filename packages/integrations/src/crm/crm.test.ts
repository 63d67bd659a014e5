import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryAfterMs, signWebhook } from './crm.ts';

describe('CRM helpers', () => {
  it('reads Retry-After in seconds or as an HTTP date, bounded', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs(undefined, now)).toBe(1_000);
    expect(retryAfterMs('soon', now)).toBe(1_000);
    expect(retryAfterMs('999999', now)).toBe(3_600_000);
  });

  it('signs "<t>.<body>" with HMAC-SHA256 so a receiver can recompute it', () => {
    const body = '{"id":"contact:1:2"}';
    const expected = createHmac('sha256', 'whsec').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('whsec', body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
    expect(signWebhook('other', body, 1_700_000_000)).not.toBe(
      signWebhook('whsec', body, 1_700_000_000),
    );
  });
});
