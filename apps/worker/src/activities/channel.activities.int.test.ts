// escalate() against a real database, the outbox SMS sender and a local SMTP relay: staff are
// texted and emailed, and only what actually reached them counts as notified.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  contactConversationKey,
  conversationRowId,
  createTenant,
  listOutboundMessages,
  listStaffNotifications,
  setContactLanguage,
  updateTenantProfile,
  upsertContactByPhone,
  type Db,
} from '@receptionist/db';
import type { Tenant } from '@receptionist/domain';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createMailer, messageIdFor } from '@receptionist/integrations/email';
import { createOutboxSmsSender } from '@receptionist/integrations/sms';
import { createLogger } from '@receptionist/observability';
import {
  createTestDatabase,
  freePort,
  startSmtpStandIn,
  type SmtpStandIn,
  type TestDatabase,
} from '@receptionist/testing';
import { createChannelActivities } from './channel.activities.ts';
import { channelTexts } from './channel.texts.ts';

const FROM = 'Receptionist <no-reply@receptionist.example.com>';
const CALLER = '+14155550123';
const BUSINESS = '+14155550100';
const STAFF_PHONE = '+14155550199';

let tdb: TestDatabase;
let relay: SmtpStandIn;
const logLines: string[] = [];

function activities(smtpUrl: string | undefined, slackBaseUrl?: string) {
  const logger = createLogger({
    service: 'worker-test',
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    }),
  });
  const breakers = createBreakerFactory({ registry: new Registry(), logger });
  const db = tdb.pool as unknown as Db;
  return createChannelActivities({
    db,
    logger,
    breakers,
    sender: createOutboxSmsSender({ db }),
    mailer: createMailer({ smtpUrl, from: FROM, breakers, logger, timeoutMs: 2_000 }),
    agent: createAgentClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 200, breakers }),
    slackBaseUrl,
  });
}

async function clinic(
  contacts: NonNullable<Parameters<typeof updateTenantProfile>[2]['escalationContacts']>,
): Promise<Tenant> {
  const t = await createTenant(tdb.pool, {
    slug: `esc-${randomUUID().slice(0, 8)}`,
    name: 'Bright Smile',
    escalationPhone: STAFF_PHONE,
  });
  return (await updateTenantProfile(tdb.pool, t.id, { escalationContacts: contacts }))!;
}

beforeAll(async () => {
  [tdb, relay] = await Promise.all([createTestDatabase(), startSmtpStandIn()]);
});

afterAll(async () => {
  await relay?.close();
  await tdb?.drop();
});

describe('escalate', () => {
  it('emails each contact with an address the caller number and summary, and counts it', async () => {
    const tenant = await clinic([
      { name: 'Dr. Lee', email: 'dr.lee@clinic.example.com' },
      // The same mailbox twice gets one email; a contact without an address gets none.
      { name: 'Dr. Lee (desk)', email: 'Dr.Lee@clinic.example.com' },
      { name: 'Front desk', email: 'front@clinic.example.com', phone: '+14155550188' },
      { name: 'Night nurse', phone: '+14155550177' },
    ]);
    const before = relay.inbox.length;
    const key = `CA${randomUUID().replace(/-/g, '')}:escalation`;
    const result = await activities(relay.url).escalate({
      tenantId: tenant.id,
      kind: 'transfer',
      callerPhone: CALLER,
      businessPhone: BUSINESS,
      summary: 'Wants to move her root canal to next week.',
      key,
      recorded: false,
    });

    const mails = relay.inbox.slice(before);
    expect(mails.map((m) => m.to).sort()).toEqual([
      ['dr.lee@clinic.example.com'],
      ['front@clinic.example.com'],
    ]);
    for (const mail of mails) {
      expect(mail.subject).toBe('Bright Smile: caller needs a person');
      expect(mail.text).toContain(`Caller: ${CALLER}`);
      expect(mail.text).toContain('Wants to move her root canal to next week.');
      expect(mail.from).toBe('no-reply@receptionist.example.com');
      expect(mail.messageId).toBe(messageIdFor(`${key}:staff-email:${mail.to[0]}`, FROM));
    }
    // Three phones texted (the escalation phone and two contacts) and two mailboxes emailed.
    const texts = await listOutboundMessages(tdb.pool, tenant.id);
    expect(texts.filter((t) => t.purpose === 'staff_escalation')).toHaveLength(3);
    expect(result).toEqual({ notified: 5 });
    const stored = await tdb.pool.query(
      'SELECT kind, summary FROM escalations WHERE tenant_id = $1',
      [tenant.id],
    );
    expect(stored.rows).toEqual([
      { kind: 'transfer', summary: 'Wants to move her root canal to next week.' },
    ]);

    const logs = logLines.join('');
    expect(logs).toContain('staff notified of escalation');
    expect(logs).not.toContain('4155550123');
    expect(logs).not.toContain('dr.lee@');
    expect(logs).not.toContain('front@');
  });

  it('names a message left for the team in the subject', async () => {
    const tenant = await clinic([{ name: 'Dr. Lee', email: 'lee@clinic.example.com' }]);
    const before = relay.inbox.length;
    const result = await activities(relay.url).escalate({
      tenantId: tenant.id,
      kind: 'message',
      callerPhone: CALLER,
      businessPhone: BUSINESS,
      summary: 'Please call back about the invoice.',
      key: `SM${randomUUID().replace(/-/g, '')}:escalation`,
      recorded: true,
    });
    expect(relay.inbox.slice(before)).toMatchObject([
      { to: ['lee@clinic.example.com'], subject: 'Bright Smile: message from a caller' },
    ]);
    expect(relay.inbox.at(-1)!.text).toContain('Please call back about the invoice.');
    expect(result).toEqual({ notified: 2 });
  });

  it('still texts staff when the relay is down or not configured, counting only the texts', async () => {
    const tenant = await clinic([{ name: 'Dr. Lee', email: 'lee@clinic.example.com' }]);
    const down = `smtp://u:p@127.0.0.1:${await freePort()}`;
    for (const smtpUrl of [down, undefined]) {
      const result = await activities(smtpUrl).escalate({
        tenantId: tenant.id,
        kind: 'message',
        callerPhone: CALLER,
        businessPhone: BUSINESS,
        summary: 'Call back please.',
        key: `SM${randomUUID().replace(/-/g, '')}:escalation`,
        recorded: true,
      });
      expect(result).toEqual({ notified: 1 });
    }
  });

  it('tells the staff once however often a retried activity escalates; a failed post is tried again', async () => {
    // A Slack incoming-webhook stand-in: answers 500 until told to accept.
    const posts: string[] = [];
    let accept = false;
    const slack: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (!accept) return void res.writeHead(500).end('no_service');
        posts.push((JSON.parse(body) as { text: string }).text);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => slack.listen(0, '127.0.0.1', r));
    // Stored as Slack's own URL; the deployment points hooks.slack.com at the stand-in.
    const slackBase = `http://127.0.0.1:${(slack.address() as AddressInfo).port}`;
    const hookUrl = 'https://hooks.slack.com/services/T1/B1/x';
    try {
      const tenant = await clinic([
        { name: 'Dr. Lee', email: 'lee@clinic.example.com', slackWebhookUrl: hookUrl },
      ]);
      const before = relay.inbox.length;
      const escalation = {
        tenantId: tenant.id,
        kind: 'transfer' as const,
        callerPhone: CALLER,
        businessPhone: BUSINESS,
        summary: 'Needs an emergency appointment.',
        key: `CA${randomUUID().replace(/-/g, '')}:escalation`,
        recorded: true,
      };
      const acts = activities(relay.url, slackBase);
      // Slack refuses the first time: text and email reach the staff, the post does not.
      expect(await acts.escalate(escalation)).toEqual({ notified: 2 });
      accept = true;
      // The retry sends only the post that failed, and counts what had already arrived.
      expect(await acts.escalate(escalation)).toEqual({ notified: 3 });
      expect(await acts.escalate(escalation)).toEqual({ notified: 3 });
      expect(relay.inbox.length - before).toBe(1);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toContain('Needs an emergency appointment.');
      const staffTexts = (await listOutboundMessages(tdb.pool, tenant.id)).filter(
        (t) => t.purpose === 'staff_escalation',
      );
      expect(staffTexts).toHaveLength(1);
      const records = await listStaffNotifications(tdb.pool, tenant.id);
      expect(records.map((r) => [r.channel, r.target, r.status])).toEqual([
        ['slack', 'Dr. Lee', 'sent'],
        ['email', 'lee@clinic.example.com', 'sent'],
      ]);
      // The webhook URL is a secret: it is not what the record names.
      expect(JSON.stringify(records)).not.toContain('/services/');
      // Another tenant's escalation with the same key is its own.
      const other = await clinic([{ name: 'Dr. Kim', email: 'kim@other.example.com' }]);
      expect(await acts.escalate({ ...escalation, tenantId: other.id })).toEqual({ notified: 2 });
      expect(relay.inbox.at(-1)!.to).toEqual(['kim@other.example.com']);
    } finally {
      await new Promise((r) => slack.close(r));
    }
  });
});

describe('a text the assistant cannot answer', () => {
  it('tells the caller the team will text back, and stores the escalation and tells the staff once', async () => {
    const tenant = await clinic([{ name: 'Dr. Lee', email: 'lee@clinic.example.com' }]);
    const contact = await upsertContactByPhone(tdb.pool, tenant.id, CALLER);
    const messageSid = `SM${randomUUID().replace(/-/g, '')}`;
    const inbound = {
      messageSid,
      tenantId: tenant.id,
      contactId: contact.id,
      conversationKey: contactConversationKey(contact.id),
      from: CALLER,
      to: BUSINESS,
      body: 'Yes, book me for Tuesday at 10',
      keyword: null,
    };
    const before = relay.inbox.length;
    const acts = activities(relay.url);
    // The agent service is down (as when a booking outlasts its answer): the fallback goes out.
    await acts.smsReply(inbound);
    // A retried activity: nothing is stored, texted or emailed twice.
    await acts.smsReply(inbound);

    const texts = await listOutboundMessages(tdb.pool, tenant.id);
    expect(texts.filter((t) => t.to === CALLER).map((t) => [t.purpose, t.body])).toEqual([
      ['reply', channelTexts('en-US').smsFallback],
    ]);
    const staffTexts = texts.filter((t) => t.purpose === 'staff_escalation');
    expect(staffTexts.map((t) => t.to)).toEqual([STAFF_PHONE]);
    expect(staffTexts[0]!.body).toContain('Yes, book me for Tuesday at 10');
    expect(relay.inbox.slice(before)).toMatchObject([
      { to: ['lee@clinic.example.com'], subject: 'Bright Smile: message from a caller' },
    ]);
    const conversationId = conversationRowId(tenant.id, contactConversationKey(contact.id));
    const stored = await tdb.pool.query(
      `SELECT kind, status, conversation_id, contact_id, summary FROM escalations WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(stored.rows).toEqual([
      {
        kind: 'message',
        status: 'open',
        conversation_id: conversationId,
        contact_id: contact.id,
        summary: expect.stringContaining('someone from the team will text back'),
      },
    ]);
    const transcript = await tdb.pool.query(
      `SELECT role, text FROM messages WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenant.id],
    );
    expect(transcript.rows).toEqual([
      { role: 'caller', text: 'Yes, book me for Tuesday at 10' },
      { role: 'agent', text: channelTexts('en-US').smsFallback },
    ]);
  });
});

describe('texts in the texter language', () => {
  it('answers in the language the contact booked in, else the tenant default', async () => {
    const t = await createTenant(tdb.pool, {
      slug: `lang-${randomUUID().slice(0, 8)}`,
      name: 'Sonrisa Feliz',
      languages: ['es-US', 'en-US', 'fr-CA'],
    });
    const inbound = async (phone: string, language: string | null, body: string) => {
      const contact = await upsertContactByPhone(tdb.pool, t.id, phone);
      if (language) await setContactLanguage(tdb.pool, t.id, contact.id, language);
      return {
        messageSid: `SM${randomUUID().replace(/-/g, '')}`,
        tenantId: t.id,
        contactId: contact.id,
        conversationKey: contactConversationKey(contact.id),
        from: phone,
        to: BUSINESS,
        body,
        keyword: null,
      };
    };
    const acts = activities(undefined);
    // The agent service is down: the French contact is told in French the team will text back.
    await acts.smsReply(await inbound('+14155550301', 'fr-CA', 'Vous êtes ouverts samedi ?'));
    // HELP and START from a contact the tenant has no language for: the tenant's first, Spanish.
    const help = await inbound('+14155550302', null, 'HELP');
    await acts.smsKeywordReply({ ...help, keyword: 'help' });
    const start = await inbound('+14155550303', 'en-US', 'START');
    await acts.smsKeywordReply({ ...start, keyword: 'start' });
    // STOP is the carrier's to answer.
    expect(await acts.smsKeywordReply({ ...start, keyword: 'stop' })).toBeNull();

    const texts = await listOutboundMessages(tdb.pool, t.id);
    const to = (phone: string) => texts.filter((x) => x.to === phone).map((x) => x.body);
    expect(to('+14155550301')).toEqual([
      "Merci pour votre message ! Nous avons un petit souci en ce moment ; quelqu'un de notre équipe vous répondra très vite par SMS.",
    ]);
    expect(to('+14155550302')).toEqual([
      'Sonrisa Feliz: escríbanos aquí para reservar una cita o hacernos una pregunta, o llame a este número. Responda STOP para dejar de recibir mensajes.',
    ]);
    expect(to('+14155550303')).toEqual([
      "Sonrisa Feliz: you're subscribed to texts again. Reply HELP for help, STOP to opt out.",
    ]);
    // The transcript keeps what the texter was actually told.
    const stored = await tdb.pool.query(
      `SELECT text FROM messages WHERE tenant_id = $1 AND role = 'agent'`,
      [t.id],
    );
    expect(stored.rows).toEqual([{ text: to('+14155550301')[0] }]);
  });
});
