import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTenant, setContactOptOut, DEMO_TENANT } from '@receptionist/db';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createLogger, createMetrics } from '@receptionist/observability';
import {
  createTestDatabase,
  startStandIn,
  type StandIn,
  type TestDatabase,
} from '@receptionist/testing';
import { createSmsSender, type SmsSender } from './sms-sender.ts';

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'rest-auth-token';
let tdb: TestDatabase;
let tenantId: string;
let twilioApi: StandIn;
let failNext = false;
let sender: SmsSender;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ({ tenantId } = await seedDemoTenant(tdb.pool));
  // Speaks Twilio's Messages API the way api.twilio.com does.
  twilioApi = await startStandIn((req, res) => {
    if (failNext) {
      failNext = false;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20503, message: 'Service unavailable', status: 503 }));
      return;
    }
    const form = new URLSearchParams(req.body);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        sid: `SM${String(twilioApi.requests.length).padStart(32, '0')}`,
        account_sid: ACCOUNT,
        to: form.get('To'),
        from: form.get('From'),
        body: form.get('Body'),
        status: 'queued',
      }),
    );
  });
  const logger = createLogger({ service: 'worker', level: 'silent' });
  sender = createSmsSender({
    db: tdb.pool,
    logger,
    breakers: createBreakerFactory({ registry: createMetrics('worker').registry, logger }),
    rest: { accountSid: ACCOUNT, authToken: TOKEN, baseUrl: twilioApi.url, timeoutMs: 2_000 },
  });
});
afterAll(async () => {
  await twilioApi?.close();
  await tdb?.drop();
});

const msg = (to: string, key: string) => ({
  tenantId,
  to,
  from: DEMO_TENANT.phoneNumber,
  body: 'Your cleaning is confirmed for Tuesday at 10am.',
  idempotencyKey: key,
  purpose: 'booking_confirmation',
});

describe('SMS sender through the Twilio SDK', () => {
  it("sends through Twilio's Messages API with the account's credentials, once per idempotency key", async () => {
    const first = await sender.send(msg('+14155550301', 'k1'));
    const again = await sender.send(msg('+14155550301', 'k1'));
    expect(first.status).toBe('sent');
    expect(again).toEqual(first);
    expect(twilioApi.requests).toHaveLength(1);
    const req = twilioApi.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(req.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`,
    );
    const form = new URLSearchParams(req.body);
    expect(form.get('To')).toBe('+14155550301');
    expect(form.get('From')).toBe(DEMO_TENANT.phoneNumber);
    const row = (
      await tdb.pool.query(
        `SELECT status, provider_sid FROM sms_outbox WHERE idempotency_key = 'k1'`,
      )
    ).rows[0];
    expect(row).toEqual({ status: 'sent', provider_sid: first.providerSid });
  });

  it('refuses an opted-out number without calling Twilio', async () => {
    await setContactOptOut(tdb.pool, tenantId, '+14155550302', true);
    const before = twilioApi.requests.length;
    const r = await sender.send(msg('+14155550302', 'k2'));
    expect(r.status).toBe('refused');
    expect(twilioApi.requests.length).toBe(before);
  });

  it('a failed send is marked and the retry with the same key sends it', async () => {
    failNext = true;
    await expect(sender.send(msg('+14155550303', 'k3'))).rejects.toThrow();
    expect(
      (await tdb.pool.query(`SELECT status FROM sms_outbox WHERE idempotency_key = 'k3'`)).rows[0]
        .status,
    ).toBe('failed');
    const retry = await sender.send(msg('+14155550303', 'k3'));
    expect(retry.status).toBe('sent');
    expect(
      (
        await tdb.pool.query(
          `SELECT count(*)::int AS n FROM sms_outbox WHERE idempotency_key = 'k3'`,
        )
      ).rows[0].n,
    ).toBe(1);
  });
});
