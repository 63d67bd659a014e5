import { describe, expect, it } from 'vitest';
import { relayQuery, verifyRelayQuery } from './relay-token.ts';

const config = { TWILIO_AUTH_TOKEN: 'test-token', RELAY_TOKEN_SECRET: undefined };
const SID = 'CA0123456789abcdef0123456789abcdef';

describe('relay URL binding', () => {
  it('binds a URL to its call until it expires', () => {
    const now = Date.UTC(2030, 0, 1);
    const q = relayQuery(config, SID, 600, now);
    expect(verifyRelayQuery(config, q, now + 599_000)).toEqual({
      callSid: SID,
      expires: now / 1000 + 600,
    });
    expect(verifyRelayQuery(config, q, now + 601_000)).toBeNull();
  });

  it('refuses a forged, re-targeted or differently keyed URL', () => {
    const q = relayQuery(config, SID, 600);
    const other = q.replace(SID, 'CA' + 'f'.repeat(32));
    expect(verifyRelayQuery(config, other)).toBeNull();
    const later = q.replace(/exp=(\d+)/, (_, e: string) => `exp=${Number(e) + 3_600}`);
    expect(verifyRelayQuery(config, later)).toBeNull();
    expect(verifyRelayQuery(config, q.replace(/sig=[^&]+/, 'sig=AAAA'))).toBeNull();
    expect(verifyRelayQuery({ ...config, TWILIO_AUTH_TOKEN: 'other' }, q)).toBeNull();
    expect(verifyRelayQuery({ ...config, RELAY_TOKEN_SECRET: 'x'.repeat(32) }, q)).toBeNull();
    expect(verifyRelayQuery(config, '')).toBeNull();
    expect(verifyRelayQuery(config, 'a'.repeat(10_000))).toBeNull();
    expect(
      verifyRelayQuery({ TWILIO_AUTH_TOKEN: undefined, RELAY_TOKEN_SECRET: undefined }, q),
    ).toBeNull();
  });
});
