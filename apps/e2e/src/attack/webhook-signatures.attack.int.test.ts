// Every webhook route with a missing, wrong, expired or replayed signature: refused, and nothing
// of the request is stored. Run against the real backend process (Twilio, Stripe and Cal.com
// routes, the relay upgrade) on real PostgreSQL, Redis and Temporal.
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import Stripe from 'stripe';
import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, seedDemoTenant } from '@receptionist/db';
import { useBackendProcess } from '../../test/backend-process.ts';

const AUTH_TOKEN = 'attack-twilio-auth-token';
const STRIPE_SECRET = 'whsec_attack_signatures';
const PUBLIC = 'https://voice.example.test';
const signer = new Stripe('sk_test_123');
let calcom: { tenantId: string; secret: string };

/** Row counts of every table a webhook writes: a refused request changes none of them. */
async function stored() {
  const { rows } = await backend.db.query(
    `SELECT (SELECT count(*) FROM webhook_events)::int AS webhook_events,
            (SELECT count(*) FROM messages)::int AS messages,
            (SELECT count(*) FROM calls)::int AS calls,
            (SELECT count(*) FROM bookings)::int AS bookings,
            (SELECT count(*) FROM contacts)::int AS contacts,
            (SELECT count(*) FROM outbound_messages)::int AS outbound`,
  );
  return rows[0] as Record<string, number>;
}

async function post(path: string, body: string, type: string, headers: Record<string, string>) {
  const res = await fetch(`${backend.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : {}) as {
      error?: { code: string };
      duplicate?: boolean;
      status?: string;
    },
  };
}

const twilioForm = (params: Record<string, string>) => new URLSearchParams(params).toString();
const twilioSig = (path: string, params: Record<string, string>, token = AUTH_TOKEN) =>
  twilio.getExpectedTwilioSignature(token, `${PUBLIC}${path}`, params);

const backend = useBackendProcess({
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  STRIPE_SECRET_KEY: 'sk_test_123',
  STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
});
beforeAll(async () => {
  await seedDemoTenant(backend.db as never);
  const t = await backend.tenantAdmin();
  calcom = { tenantId: t.tenantId, secret: `whsec_${randomUUID()}` };
  const res = await backend.admin('PATCH', `/tenants/${t.tenantId}`, t.authorization, {
    calendarProvider: 'calcom',
    calendarSettings: { apiKey: 'cal_live_x', eventTypeId: 4242, webhookSecret: calcom.secret },
  });
  expect(res.status).toBe(200);
}, 60_000);

const call = (sid: string) => ({
  CallSid: sid,
  AccountSid: `AC${'0'.repeat(32)}`,
  From: '+14155550123',
  To: DEMO_TENANT.phoneNumber,
  Direction: 'inbound',
  CallStatus: 'ringing',
});
const twilioRoutes: [string, Record<string, string>][] = [
  ['/twilio/voice', call('CA00000000000000000000000000000001')],
  [
    '/twilio/voice/turn',
    { ...call('CA00000000000000000000000000000002'), SpeechResult: 'book me in', Confidence: '1' },
  ],
  [
    '/twilio/voice/status',
    { ...call('CA00000000000000000000000000000003'), CallStatus: 'completed' },
  ],
  [
    '/twilio/sms',
    {
      MessageSid: `SM${'1'.repeat(32)}`,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: '+14155550123',
      To: DEMO_TENANT.phoneNumber,
      Body: 'cancel my booking',
    },
  ],
];

describe('Twilio webhooks refuse a missing, wrong or replayed signature', () => {
  for (const [path, params] of twilioRoutes) {
    it(`${path}`, async () => {
      const before = await stored();
      const body = twilioForm(params);
      const type = 'application/x-www-form-urlencoded';
      // Missing; signed with another account's token; Twilio's signature of another request
      // (replayed onto this one); the right signature of this request with one parameter changed.
      const attempts = [
        await post(path, body, type, {}),
        await post(path, body, type, {
          'x-twilio-signature': twilioSig(path, params, 'another-token'),
        }),
        await post(path, body, type, {
          'x-twilio-signature': twilioSig(
            '/twilio/voice',
            call('CA0000000000000000000000000000ffff'),
          ),
        }),
        await post(path, twilioForm({ ...params, From: '+14155550999' }), type, {
          'x-twilio-signature': twilioSig(path, params),
        }),
      ];
      for (const a of attempts) {
        expect(a.status).toBe(403);
        expect(a.body.error?.code).toMatch(/^signature_(missing|invalid)$/);
      }
      expect(await stored()).toEqual(before);
    });
  }

  it('the relay upgrade without or with a wrong signature is 403', async () => {
    const upgrade = (sig?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${backend.baseUrl}/twilio/relay?callSid=CA1&exp=9999999999&sig=x`,
          {
            headers: {
              connection: 'Upgrade',
              upgrade: 'websocket',
              'sec-websocket-version': '13',
              'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
              ...(sig ? { 'x-twilio-signature': sig } : {}),
            },
          },
        );
        req.on('response', (res) => resolve(res.statusCode ?? 0));
        req.on('upgrade', () => resolve(101));
        req.on('error', reject);
        req.end();
      });
    const before = await stored();
    expect(await upgrade()).toBe(403);
    expect(await upgrade('bm90IGEgc2lnbmF0dXJl')).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

describe('Stripe webhook', () => {
  const event = (id: string) =>
    JSON.stringify({
      id,
      object: 'event',
      type: 'customer.created',
      api_version: '2025-01-01',
      created: 1,
      data: { object: { id: 'cus_1', object: 'customer' } },
    });
  const deliver = (payload: string, header?: string) =>
    post(
      '/webhooks/stripe',
      payload,
      'application/json',
      header ? { 'stripe-signature': header } : {},
    );

  it('refuses a missing, wrong, expired and tampered signature, storing nothing', async () => {
    const before = await stored();
    const payload = event(`evt_sig_${randomUUID()}`);
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      await deliver(payload),
      await deliver(
        payload,
        signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }),
      ),
      await deliver(payload, `t=${now},v1=${'0'.repeat(64)}`),
      // Stripe's default tolerance is five minutes: a correctly signed event from ten minutes ago.
      await deliver(
        payload,
        signer.webhooks.generateTestHeaderString({
          payload,
          secret: STRIPE_SECRET,
          timestamp: now - 600,
        }),
      ),
      // A real signature of another event replayed onto this body.
      await deliver(
        payload,
        signer.webhooks.generateTestHeaderString({
          payload: event('evt_other'),
          secret: STRIPE_SECRET,
        }),
      ),
    ];
    for (const a of attempts) {
      expect(a.status).toBe(400);
      expect(a.body.error?.code).toBe('invalid_signature');
    }
    expect(await stored()).toEqual(before);
  });

  it('a replayed signed body is a duplicate with no effect', async () => {
    const id = `evt_replay_${randomUUID()}`;
    const payload = event(id);
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
    const first = await deliver(payload, header);
    expect(first).toMatchObject({ status: 200, body: { duplicate: false, status: 'ignored' } });
    const after = await stored();
    const second = await deliver(payload, header);
    expect(second).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await stored()).toEqual(after);
    const { rows } = await backend.db.query(
      `SELECT status FROM webhook_events WHERE provider = 'stripe' AND event_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ status: 'ignored' }]);
  });
});

describe('Cal.com webhook (per business)', () => {
  const sign = (body: string, secret: string) =>
    createHmac('sha256', secret).update(body).digest('hex');
  const body = (uid: string) =>
    JSON.stringify({
      triggerEvent: 'BOOKING_CANCELLED',
      createdAt: new Date().toISOString(),
      payload: { uid, eventTypeId: 4242, startTime: new Date().toISOString() },
    });
  const deliver = (raw: string, sig?: string) =>
    post(
      `/webhooks/calcom/${calcom.tenantId}`,
      raw,
      'application/json',
      sig ? { 'x-cal-signature-256': sig } : {},
    );

  it('refuses a missing, wrong or replayed-onto-another-body signature, storing nothing', async () => {
    const before = await stored();
    const raw = body(`uid-${randomUUID()}`);
    const attempts = [
      await deliver(raw),
      await deliver(raw, sign(raw, 'whsec_someone_else')),
      await deliver(raw, 'ab'.repeat(32)),
      await deliver(raw, sign(body('uid-other'), calcom.secret)),
    ];
    for (const a of attempts) {
      expect(a.status).toBe(401);
      expect(a.body.error?.code).toBe('invalid_signature');
    }
    expect(await stored()).toEqual(before);
  });

  it('a replayed signed delivery is a duplicate with no effect', async () => {
    const raw = body(`uid-${randomUUID()}`);
    const first = await deliver(raw, sign(raw, calcom.secret));
    expect(first.status).toBe(200);
    const after = await stored();
    const second = await deliver(raw, sign(raw, calcom.secret));
    expect(second).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await stored()).toEqual(after);
  });
});
