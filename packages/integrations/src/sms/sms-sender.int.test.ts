import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import {
  createTenant,
  listOutboundMessages,
  setContactOptOut,
  assignPhoneNumber,
  type Db,
} from '@receptionist/db';
import { createLogger } from '@receptionist/observability';
import {
  createTestDatabase,
  startStandIn,
  type StandIn,
  type TestDatabase,
} from '@receptionist/testing';
import { createBreakerFactory } from '../breaker.ts';
import { createOutboxSmsSender, createSmsSender, createTwilioSmsSender } from './sms-sender.ts';

let tdb: TestDatabase;
let twilio: StandIn;
let failNext = 0;
let tenantId: string;
const breakers = () =>
  createBreakerFactory({
    registry: new Registry(),
    logger: createLogger({ service: 't', level: 'silent' }),
  });

// A sender of its own each time: every one has its own breaker.
const twilioSender = () =>
  createTwilioSmsSender({
    db: tdb.pool as unknown as Db,
    breakers: breakers(),
    twilio: { accountSid: 'AC123', authToken: 'token', apiBaseUrl: twilio.url },
  });

beforeAll(async () => {
  tdb = await createTestDatabase();
  const t = await createTenant(tdb.pool, { slug: 'sms-tenant', name: 'Sms' });
  tenantId = t.id;
  await assignPhoneNumber(tdb.pool, tenantId, '+14155550100');
  let n = 0;
  // Twilio's Messages resource as the real SDK calls it.
  twilio = await startStandIn((req, res) => {
    if (failNext > 0) {
      failNext--;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20500, message: 'Internal Server Error', status: 500 }));
      return;
    }
    const form = new URLSearchParams(req.body);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        sid: `SM${String(++n).padStart(32, '0')}`,
        account_sid: 'AC123',
        from: form.get('From'),
        to: form.get('To'),
        body: form.get('Body'),
        status: 'queued',
      }),
    );
  });
});

afterAll(async () => {
  await twilio?.close();
  await tdb?.drop();
});

describe('SMS sender', () => {
  it('without Twilio credentials stores each message once in the outbox', async () => {
    const sms = createSmsSender({ db: tdb.pool as unknown as Db, breakers: breakers() });
    expect(sms.kind).toBe('outbox');
    const msg = { tenantId, to: '+14155550111', body: 'hello', idempotencyKey: 'outbox-1' };
    expect((await sms.send(msg)).status).toBe('queued');
    expect((await sms.send(msg)).status).toBe('duplicate');
    const rows = await listOutboundMessages(tdb.pool, tenantId, { to: '+14155550111' });
    expect(rows).toMatchObject([{ body: 'hello', status: 'queued', idempotencyKey: 'outbox-1' }]);
  });

  it('never texts a contact who opted out', async () => {
    await setContactOptOut(tdb.pool, tenantId, '+14155550122', true);
    const outbox = createOutboxSmsSender({ db: tdb.pool as unknown as Db });
    expect(
      (await outbox.send({ tenantId, to: '+14155550122', body: 'x', idempotencyKey: 'opt-1' }))
        .status,
    ).toBe('skipped_opted_out');
    const before = twilio.requests.length;
    const tw = twilioSender();
    expect(
      (await tw.send({ tenantId, to: '+14155550122', body: 'x', idempotencyKey: 'opt-2' })).status,
    ).toBe('skipped_opted_out');
    expect(twilio.requests.length).toBe(before);
  });

  it('sends through the Twilio SDK once per key, retrying a failed attempt', async () => {
    const tw = twilioSender();
    const msg = { tenantId, to: '+14155550133', body: 'Your appointment', idempotencyKey: 'tw-1' };
    failNext = 1;
    await expect(tw.send(msg)).rejects.toThrow();
    expect((await listOutboundMessages(tdb.pool, tenantId, { to: msg.to }))[0]?.status).toBe(
      'failed',
    );
    const sent = await tw.send(msg);
    expect(sent.status).toBe('sent');
    expect(sent.providerSid).toMatch(/^SM/);
    expect((await tw.send(msg)).status).toBe('duplicate');
    const calls = twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === msg.to);
    expect(calls).toHaveLength(2); // the failed attempt and the one that went through
    expect(calls[1]!.path).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(calls[1]!.headers.authorization).toBe(
      `Basic ${Buffer.from('AC123:token').toString('base64')}`,
    );
    expect(new URLSearchParams(calls[1]!.body).get('From')).toBe('+14155550100');
    expect(await listOutboundMessages(tdb.pool, tenantId, { to: msg.to })).toMatchObject([
      { status: 'sent', providerSid: sent.providerSid },
    ]);
  });

  it('sends from the number it is given and keeps why the text was sent', async () => {
    const tw = twilioSender();
    const to = '+14155550144';
    const sent = await tw.send({
      tenantId,
      to,
      from: '+14155550199',
      body: 'Thanks for your message!',
      idempotencyKey: 'reply:SM1',
      purpose: 'reply',
    });
    expect(sent).toMatchObject({ status: 'sent', stored: 'sent' });
    const call = twilio.requests.find((r) => new URLSearchParams(r.body).get('To') === to);
    expect(new URLSearchParams(call!.body).get('From')).toBe('+14155550199');
    expect(await listOutboundMessages(tdb.pool, tenantId, { to })).toMatchObject([
      { from: '+14155550199', purpose: 'reply', status: 'sent' },
    ]);
  });

  it("keys are a tenant's own: the same key in another business is another text", async () => {
    const other = await createTenant(tdb.pool, { slug: 'sms-other', name: 'Other' });
    const sms = createOutboxSmsSender({ db: tdb.pool as unknown as Db });
    const msg = { to: '+14155550155', body: 'hi', idempotencyKey: 'shared-key' };
    expect((await sms.send({ ...msg, tenantId })).status).toBe('queued');
    expect((await sms.send({ ...msg, tenantId: other.id })).status).toBe('queued');
    expect(await listOutboundMessages(tdb.pool, other.id, { to: msg.to })).toHaveLength(1);
    expect(await listOutboundMessages(tdb.pool, tenantId, { to: msg.to })).toHaveLength(1);
  });

  it('a retry after the number opted out sends nothing and says so', async () => {
    const tw = twilioSender();
    const msg = { tenantId, to: '+14155550166', body: 'Reminder', idempotencyKey: 'tw-opt' };
    failNext = 1;
    await expect(tw.send(msg)).rejects.toThrow();
    await setContactOptOut(tdb.pool, tenantId, msg.to, true);
    const before = twilio.requests.length;
    expect(await tw.send(msg)).toMatchObject({
      status: 'skipped_opted_out',
      stored: 'skipped_opted_out',
    });
    expect(await tw.send(msg)).toMatchObject({ status: 'duplicate', stored: 'skipped_opted_out' });
    expect(twilio.requests.length).toBe(before);
    expect(await listOutboundMessages(tdb.pool, tenantId, { to: msg.to })).toMatchObject([
      { status: 'skipped_opted_out' },
    ]);
  });
});
