// The daily and weekly report on the dev server: the figures of the business's own day and week,
// one email (text and HTML) through a local SMTP relay and one Slack post, never sent twice.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  createCallIdempotent,
  createEscalation,
  insertBooking,
  updateTenantProfile,
  type Db,
} from '@receptionist/db';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createMailer } from '@receptionist/integrations/email';
import { createOutboxSmsSender } from '@receptionist/integrations/sms';
import { createLogger } from '@receptionist/observability';
import { startSmtpStandIn, type SmtpStandIn } from '@receptionist/testing';
import { createActivities } from '../src/activities/index.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let relay: SmtpStandIn;
let slack: Server;
const posts: string[] = [];
let worker: { stop(): Promise<void> };
const taskQueue = `report-${randomUUID()}`;

beforeAll(async () => {
  [h, relay] = await Promise.all([startHarness('report'), startSmtpStandIn()]);
  slack = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posts.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => slack.listen(0, '127.0.0.1', r));
  const logger = createLogger({ service: 'worker-test', level: 'silent' });
  const breakers = createBreakerFactory({ registry: new Registry(), logger });
  const db = h.db.pool as unknown as Db;
  const mailer = createMailer({
    smtpUrl: relay.url,
    from: 'Receptionist <no-reply@receptionist.example.com>',
    breakers,
    logger,
  });
  const nc = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const w = await Worker.create({
    connection: nc,
    taskQueue,
    workflowBundle: h.bundle,
    activities: createActivities({
      db,
      logger,
      calendars: null as never,
      sms: createOutboxSmsSender({ db }),
      stripe: null,
      publicBaseUrl: 'https://book.example.test',
      channel: {
        sender: createOutboxSmsSender({ db }),
        mailer,
        agent: createAgentClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 200, breakers }),
        breakers,
        slackBaseUrl: `http://127.0.0.1:${(slack.address() as AddressInfo).port}`,
      },
    }),
  });
  const running = w.run();
  worker = {
    async stop() {
      w.shutdown();
      await running;
      await nc.close();
    },
  };
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await new Promise((r) => slack?.close(r));
  await relay?.close();
  await h?.close();
});

const DAY = 86_400_000;

/** A call of the business at a time, with its outcome. */
async function callAt(tenantId: string, at: Date, outcome: string) {
  const { call } = await createCallIdempotent(h.db.pool, tenantId, {
    callSid: `CA${randomUUID().replace(/-/g, '')}`,
    fromNumber: h.phone(),
    toNumber: '+14155550100',
  });
  await h.db.pool.query(`UPDATE calls SET started_at = $2, outcome = $3 WHERE id = $1`, [
    call.id,
    at,
    outcome,
  ]);
}

async function business() {
  const tenant = await h.makeTenant({ name: 'Bright Smile' });
  await updateTenantProfile(h.db.pool, tenant.id, {
    escalationContacts: [
      {
        name: 'Dr. Lee',
        email: `lee-${tenant.id.slice(0, 6)}@clinic.example.com`,
        slackWebhookUrl: `https://hooks.slack.com/services/T1/B1/${tenant.id.slice(0, 8)}`,
      },
    ],
  });
  const now = new Date();
  // The harness's zone makes now about local noon: an hour ago is today, 3 days ago this week.
  await callAt(tenant.id, new Date(now.getTime() - 3_600_000), 'booked');
  await callAt(tenant.id, new Date(now.getTime() - 3_600_000), 'escalated');
  await callAt(tenant.id, new Date(now.getTime() - 3 * DAY), 'missed');
  await callAt(tenant.id, new Date(now.getTime() - 9 * DAY), 'question_answered');
  const startsAt = new Date(now.getTime() + 2 * DAY);
  const booking = await insertBooking(h.db.pool, tenant.id, {
    status: 'confirmed',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 1_800_000),
  });
  await h.db.pool.query(
    `INSERT INTO payments (tenant_id, booking_id, idempotency_key, amount_minor, currency, status)
     VALUES ($1, $2, $3, 2500, 'USD', 'succeeded')`,
    [tenant.id, booking.id, `checkout-${booking.id}`],
  );
  await createEscalation(h.db.pool, tenant.id, { kind: 'message', summary: 'Call back' });
  // Made after the rows: the report covers up to the moment it is made.
  return { tenant, at: new Date().toISOString() };
}

const report = (tenantId: string, period: 'daily' | 'weekly', at: string) =>
  h.client.workflow.execute('tenantReportWorkflow', {
    taskQueue,
    workflowId: `report-${tenantId}-${period}-${randomUUID()}`,
    args: [{ tenantId, period, at }],
  });

describe('tenant report', () => {
  it('emails and posts the week compared with the week before, once', async () => {
    const { tenant, at } = await business();
    const inbox = relay.inbox.length;
    expect(await report(tenant.id, 'weekly', at)).toEqual({ emailed: 1, posted: 1 });
    const mail = relay.inbox.slice(inbox);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^Bright Smile: weekly report, \d{4}-\d{2}-\d{2} to /);
    expect(mail[0]!.text).toContain('Calls: 3, +2 vs the week before (1)');
    expect(mail[0]!.text).toContain('Handled by the assistant: 1, same as the week before');
    expect(mail[0]!.text).toContain('Transferred to staff: 1');
    expect(mail[0]!.text).toContain('Missed calls: 1');
    expect(mail[0]!.text).toContain('Bookings: 1');
    expect(mail[0]!.text).toContain('Deposits paid: 1 ($25.00)');
    expect(mail[0]!.text).toContain('Open escalations: 1');
    expect(mail[0]!.html).toContain('<td>Calls</td><td><b>3</b></td>');
    expect(posts.at(-1)).toContain('• Calls: 3 (+2 vs the week before (1))');
    // The same report again (a re-run of the schedule's action) sends nothing new.
    const postsBefore = posts.length;
    expect(await report(tenant.id, 'weekly', at)).toEqual({ emailed: 1, posted: 1 });
    expect(relay.inbox.length - inbox).toBe(1);
    expect(posts.length).toBe(postsBefore);
  }, 90_000);

  it('counts only the business’s own local day in the daily report, and none when turned off', async () => {
    const { tenant, at } = await business();
    const inbox = relay.inbox.length;
    await report(tenant.id, 'daily', at);
    const mail = relay.inbox.slice(inbox);
    expect(mail[0]!.subject).toMatch(/^Bright Smile: daily report, \d{4}-\d{2}-\d{2}$/);
    expect(mail[0]!.text).toContain('Calls: 2\n');
    expect(mail[0]!.text).not.toContain('week before');
    await h.db.pool.query(
      `UPDATE tenants SET settings = settings || '{"reports": {"daily": false}}'::jsonb WHERE id = $1`,
      [tenant.id],
    );
    expect(await report(tenant.id, 'daily', new Date().toISOString())).toBeNull();
  }, 90_000);
});
