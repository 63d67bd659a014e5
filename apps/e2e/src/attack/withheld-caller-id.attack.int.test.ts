// Low finding: a withheld or odd caller ID ("anonymous", Twilio's +266696687, a short code, an
// empty From) failed validation, and Twilio spoke an application error instead of our greeting.
// The real backend process now greets such a caller, files the call under Twilio's anonymous
// number, never treats it as verified, and gives each such call a conversation of its own.
import { beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { DEMO_TENANT, seedDemoTenant } from '@receptionist/db';
import { useBackendProcess } from '../../test/backend-process.ts';

const AUTH_TOKEN = 'test-twilio-auth-token';
const PUBLIC_BASE_URL = 'https://voice.example.test';
let tenantId: string;
let seq = 0;

const backend = useBackendProcess({ TWILIO_AUTH_TOKEN: AUTH_TOKEN });
beforeAll(async () => {
  ({ tenantId } = await seedDemoTenant(backend.db));
}, 60_000);

async function incomingCall(from: string | undefined) {
  const params: Record<string, string> = {
    CallSid: `CA${Date.now().toString(16)}${(seq++).toString(16).padStart(8, '0')}`,
    AccountSid: `AC${'0'.repeat(32)}`,
    To: DEMO_TENANT.phoneNumber,
    Direction: 'inbound',
    CallStatus: 'ringing',
    ...(from === undefined ? {} : { From: from }),
  };
  const signature = twilio.getExpectedTwilioSignature(
    AUTH_TOKEN,
    `${PUBLIC_BASE_URL}/twilio/voice`,
    params,
  );
  const res = await fetch(`${backend.baseUrl}/twilio/voice`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
    },
    body: new URLSearchParams(params).toString(),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    xml: await res.text(),
    params,
  };
}

describe('attack: withheld and odd caller IDs', () => {
  it('greets the caller with TwiML instead of an error, whatever the From', async () => {
    for (const from of [
      'anonymous',
      'Anonymous',
      '+266696687',
      '+7378742833',
      '12345',
      '',
      undefined,
    ]) {
      const res = await incomingCall(from);
      expect(res.status, String(from)).toBe(200);
      expect(res.type, String(from)).toContain('xml');
      expect(res.xml, String(from)).toContain('<Gather');
      expect(res.xml, String(from)).toMatch(/Bright Smile|thank|hello|calling/i);
      const { rows } = await backend.db.query(
        'SELECT from_number FROM calls WHERE call_sid = $1 AND tenant_id = $2',
        [res.params.CallSid, tenantId],
      );
      // Filed under Twilio's anonymous number, never under what the caller ID claimed.
      expect(rows).toEqual([{ from_number: '+266696687' }]);
    }
  });

  it('still answers a real number as before', async () => {
    const res = await incomingCall('+14155550123');
    expect(res.status).toBe(200);
    expect(res.xml).toContain('<Gather');
  });
});
