// Finding 6: a business could point an escalation contact's slackWebhookUrl anywhere, and the
// worker POSTed there following redirects, from inside our network. Now the admin API (the real
// backend process) accepts only https://hooks.slack.com webhook URLs whose every address is
// public, and the worker's escalation (its real activities) checks the stored URL again, never
// follows a redirect and refuses internal addresses at connect time.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { listStaffNotifications, type Db } from '@receptionist/db';
import { createAgentClient } from '@receptionist/integrations/agent';
import { createBreakerFactory } from '@receptionist/integrations/breaker';
import { createMailer } from '@receptionist/integrations/email';
import { createOutboxSmsSender } from '@receptionist/integrations/sms';
import { createLogger } from '@receptionist/observability';
import { createActivities } from '@receptionist/worker/activities';
import { startBackendProcess, type BackendProcess } from '../../test/backend-process.ts';

/** An internal service the attacker wants to reach (metadata endpoint, admin port, ...). */
let internal: Server;
let internalHits = 0;
let internalUrl = '';
/** A Slack stand-in that answers every post with a redirect to the internal service. */
let redirecting: Server;
let redirectingUrl = '';
let backend: BackendProcess;

const listen = async (s: Server) => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  internal = createServer((req, res) => {
    internalHits++;
    req.resume();
    res.end('{"secret":"internal"}');
  });
  internalUrl = await listen(internal);
  redirecting = createServer((req, res) => {
    req.resume();
    res.writeHead(307, { location: `${internalUrl}/latest/meta-data` }).end();
  });
  redirectingUrl = await listen(redirecting);
  // No SLACK_WEBHOOK_BASE_URL: the backend resolves and checks like production.
  backend = await startBackendProcess();
}, 60_000);
afterAll(async () => {
  await backend?.close();
  await new Promise((r) => internal.close(r));
  await new Promise((r) => redirecting.close(r));
});

function escalate(slackBaseUrl?: string) {
  const logger = createLogger({
    service: 'worker',
    level: 'silent',
    destination: new Writable({ write: (_c, _e, cb) => cb() }),
  });
  const breakers = createBreakerFactory({ registry: new Registry(), logger });
  const db = backend.db as Db;
  const activities = createActivities({
    db,
    redis: undefined as never,
    logger,
    publicBaseUrl: 'https://voice.example.test',
    channel: {
      breakers,
      sender: createOutboxSmsSender({ db }),
      mailer: createMailer({ smtpUrl: undefined, from: 'x <x@example.test>', breakers, logger }),
      agent: createAgentClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 200, breakers }),
      slackTimeoutMs: 2_000,
      slackBaseUrl,
    },
  } as never) as unknown as {
    escalate(e: Record<string, unknown>): Promise<{ notified: number }>;
  };
  return (tenantId: string) =>
    activities.escalate({
      tenantId,
      kind: 'transfer',
      callerPhone: '+14155550123',
      businessPhone: '+14155550100',
      summary: 'Needs a person.',
      key: `CA${randomUUID().replace(/-/g, '')}:escalation`,
      recorded: true,
    });
}

/** Writes the contacts straight into the row: what a row from before the checks looks like. */
async function storedByHand(tenantId: string, slackWebhookUrl: string) {
  await backend.db.query('UPDATE tenants SET escalation_contacts = $2::jsonb WHERE id = $1', [
    tenantId,
    JSON.stringify([{ name: 'Ops', slackWebhookUrl }]),
  ]);
}

describe('attack: server-side requests through a Slack webhook URL', () => {
  it('refuses every URL that is not a public hooks.slack.com webhook, at write time', async () => {
    const biz = await backend.tenantAdmin();
    for (const url of [
      `${internalUrl}/services/T/B/x`,
      'http://hooks.slack.com/services/T/B/x',
      'https://169.254.169.254/latest/meta-data',
      'https://127.0.0.1/services/T/B/x',
      'https://[::1]/services/T/B/x',
      'https://localhost/services/T/B/x',
      'https://hooks.slack.com.evil.example/services/T/B/x',
      'https://hooks.slack.com@127.0.0.1/services/T/B/x',
      'https://hooks.slack.com:8443/services/T/B/x',
      'https://metadata.google.internal/computeMetadata/v1/',
      'gopher://127.0.0.1:6379/_FLUSHALL',
    ]) {
      const res = await backend.admin('PATCH', `/tenants/${biz.tenantId}`, biz.authorization, {
        escalationContacts: [{ name: 'Ops', slackWebhookUrl: url }],
      });
      expect(res.status, url).toBe(400);
      expect((res.body.error as { code: string }).code, url).toBe('validation_failed');
    }
    const stored = await backend.db.query('SELECT escalation_contacts FROM tenants WHERE id = $1', [
      biz.tenantId,
    ]);
    expect(JSON.stringify(stored.rows[0].escalation_contacts)).not.toContain('127.0.0.1');
    expect(internalHits).toBe(0);
  });

  it('does not post to an internal URL stored before the checks, at send time', async () => {
    const biz = await backend.tenantAdmin();
    for (const url of [
      `${internalUrl}/services/T/B/x`,
      `https://127.0.0.1:${new URL(internalUrl).port}/services/T/B/x`,
      'https://localhost/services/T/B/x',
    ]) {
      await storedByHand(biz.tenantId, url);
      expect(await escalate()(biz.tenantId)).toEqual({ notified: 0 });
    }
    expect(internalHits).toBe(0);
    const records = await listStaffNotifications(backend.db, biz.tenantId);
    expect(records.map((r) => [r.channel, r.status])).toEqual(
      records.map(() => ['slack', 'failed']),
    );
  });

  it("does not follow Slack's redirect into the internal network", async () => {
    const biz = await backend.tenantAdmin();
    await storedByHand(biz.tenantId, 'https://hooks.slack.com/services/T1/B1/redirect-me');
    // The deployment points hooks.slack.com at a stand-in that answers 307 to the internal host.
    expect(await escalate(redirectingUrl)(biz.tenantId)).toEqual({ notified: 0 });
    expect(internalHits).toBe(0);
  });
});
