// Oversized, malformed and mistyped bodies on the admin API and every webhook: a 4xx with the
// machine-readable error body ({error: {code, message, details}}), never a 5xx, and the backend
// keeps answering. Run against the real backend process on real PostgreSQL, Redis and Temporal.
import { createHmac, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '@receptionist/db';
import { useBackendProcess } from '../../test/backend-process.ts';

const AUTH_TOKEN = 'attack-twilio-auth-token';
const STRIPE_SECRET = 'whsec_attack_oversized';
const signer = new Stripe('sk_test_123');
let biz: { tenantId: string; authorization: string; secret: string };

interface Answer {
  status: number;
  code: string | undefined;
}
async function send(
  method: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<Answer> {
  const res = await fetch(`${backend.baseUrl}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}
const json = { 'content-type': 'application/json' };
const twoMb = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });

const backend = useBackendProcess({
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  STRIPE_SECRET_KEY: 'sk_test_123',
  STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
});
beforeAll(async () => {
  const t = await backend.tenantAdmin();
  biz = { ...t, secret: `whsec_${randomUUID()}` };
  const res = await backend.admin('PATCH', `/tenants/${t.tenantId}`, t.authorization, {
    calendarProvider: 'calcom',
    calendarSettings: { apiKey: 'cal_live_x', eventTypeId: 5151, webhookSecret: biz.secret },
  });
  expect(res.status).toBe(200);
}, 60_000);

describe('oversized bodies are 413 payload_too_large', () => {
  it('2 MB of JSON to the admin API', async () => {
    const auth = { ...json, authorization: biz.authorization };
    expect(await send('PATCH', `/admin/v1/tenants/${biz.tenantId}`, twoMb, auth)).toEqual({
      status: 413,
      code: 'payload_too_large',
    });
    expect(
      await send('POST', `/admin/v1/tenants/${biz.tenantId}/knowledge/import`, twoMb, auth),
    ).toEqual({
      status: 413,
      code: 'payload_too_large',
    });
  });

  it('2 MB to the Stripe and Cal.com webhooks, signed or not', async () => {
    const header = signer.webhooks.generateTestHeaderString({
      payload: twoMb,
      secret: STRIPE_SECRET,
    });
    expect(
      await send('POST', '/webhooks/stripe', twoMb, { ...json, 'stripe-signature': header }),
    ).toEqual({ status: 413, code: 'payload_too_large' });
    const sig = createHmac('sha256', biz.secret).update(twoMb).digest('hex');
    expect(
      await send('POST', `/webhooks/calcom/${biz.tenantId}`, twoMb, {
        ...json,
        'x-cal-signature-256': sig,
      }),
    ).toEqual({ status: 413, code: 'payload_too_large' });
  });

  it('a 100 KB SpeechResult and a 2 MB SMS to the Twilio routes', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const params = {
      CallSid: `CA${'7'.repeat(32)}`,
      From: '+14155550123',
      To: DEMO_TENANT.phoneNumber,
      SpeechResult: 'cancel '.repeat(15_000),
    };
    const sig = twilio.getExpectedTwilioSignature(
      AUTH_TOKEN,
      'https://voice.example.test/twilio/voice/turn',
      params,
    );
    expect(
      await send('POST', '/twilio/voice/turn', new URLSearchParams(params).toString(), {
        ...form,
        'x-twilio-signature': sig,
      }),
    ).toEqual({ status: 413, code: 'payload_too_large' });
    expect(await send('POST', '/twilio/sms', `Body=${'a'.repeat(2 * 1024 * 1024)}`, form)).toEqual({
      status: 413,
      code: 'payload_too_large',
    });
  });
});

describe('malformed and mistyped bodies are 4xx, never 5xx', () => {
  const auth = () => ({ authorization: biz.authorization });
  const bodies: [string, string][] = [
    ['truncated object', '{"name": "Dr'],
    ['trailing comma', '{"name": "x",}'],
    ['single quotes', "{'name': 'x'}"],
    ['bare word', 'undefined'],
    ['a top-level string (strict JSON)', '"just a string"'],
    ['NUL bytes', '{"name": "\u0000"}'],
  ];
  for (const [name, body] of bodies)
    it(`admin API: ${name}`, async () => {
      const a = await send('PATCH', `/admin/v1/tenants/${biz.tenantId}`, body, {
        ...json,
        ...auth(),
      });
      expect(a.status).toBe(400);
      expect(a.code).toMatch(/^(malformed_body|validation_failed)$/);
      if (name !== 'NUL bytes') expect(a.code).toBe('malformed_body');
    });

  it('admin API: wrong content types, bad charsets and encodings', async () => {
    const path = `/admin/v1/tenants/${biz.tenantId}`;
    const cases: Record<string, string>[] = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      // utf-7 is a UTF charset body-parser decodes (the same bytes as ASCII here): not refused.
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json', 'content-encoding': 'x-bogus' },
    ];
    for (const headers of cases) {
      const a = await send('PATCH', path, '{"name":"Renamed"}', { ...headers, ...auth() });
      expect(a.status, JSON.stringify(headers)).toBeGreaterThanOrEqual(400);
      expect(a.status, JSON.stringify(headers)).toBeLessThan(500);
      expect(a.code, JSON.stringify(headers)).toBeTruthy();
    }
    // Nothing of those reached the business.
    const profile = await backend.admin('GET', `/tenants/${biz.tenantId}`, biz.authorization);
    expect(profile.body.name).not.toBe('Renamed');
  });

  it('webhooks: malformed JSON behind a valid signature, and wrong content types', async () => {
    const bad = '{"id": "evt_1", "type": ';
    const stripeSig = signer.webhooks.generateTestHeaderString({
      payload: bad,
      secret: STRIPE_SECRET,
    });
    const stripe = await send('POST', '/webhooks/stripe', bad, {
      ...json,
      'stripe-signature': stripeSig,
    });
    expect(stripe.status).toBe(400);
    const calSig = createHmac('sha256', biz.secret).update(bad).digest('hex');
    expect(
      await send('POST', `/webhooks/calcom/${biz.tenantId}`, bad, {
        ...json,
        'x-cal-signature-256': calSig,
      }),
    ).toEqual({ status: 400, code: 'malformed_body' });
    // A signed event whose JSON is fine but whose shape is not an event.
    const odd = JSON.stringify({ id: 42, data: null });
    const oddSig = signer.webhooks.generateTestHeaderString({
      payload: odd,
      secret: STRIPE_SECRET,
    });
    const shape = await send('POST', '/webhooks/stripe', odd, {
      ...json,
      'stripe-signature': oddSig,
    });
    expect(shape.status).toBe(400);
    // Twilio's routes read forms only: JSON or XML is an unsigned empty form, refused.
    for (const type of ['application/json', 'text/xml'])
      expect(
        (await send('POST', '/twilio/voice', '{"CallSid":"CA1"}', { 'content-type': type })).status,
      ).toBe(403);
    expect((await send('POST', `/webhooks/calcom/not-a-uuid`, '{}', json)).status).toBeLessThan(
      500,
    );
  });

  it('the backend is still healthy', async () => {
    expect((await fetch(`${backend.baseUrl}/health`)).status).toBe(200);
  });
});
