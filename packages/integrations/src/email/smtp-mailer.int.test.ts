import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@receptionist/observability';
import { freePort, startSmtpStandIn, type SmtpStandIn } from '@receptionist/testing';
import { createBreakerFactory } from '../breaker.ts';
import { createMailer, messageIdFor } from './smtp-mailer.ts';

const FROM = 'Receptionist <no-reply@receptionist.example.com>';
const STAFF = 'dr.lee@clinic.example.com';

let relay: SmtpStandIn;
const logLines: string[] = [];
const logger = createLogger({
  service: 'mail-test',
  level: 'debug',
  destination: new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  }),
});

// A mailer of its own each time: every one has its own breaker.
const mailer = (smtpUrl: string | undefined, timeoutMs = 2_000) =>
  createMailer({
    smtpUrl,
    from: FROM,
    timeoutMs,
    logger,
    breakers: createBreakerFactory({ registry: new Registry(), logger }),
  });

const message = (key: string) => ({
  to: STAFF,
  subject: 'Bright Smile: caller needs a person',
  text: 'Caller +14155550123 needs a person. Wants to move a root canal.',
  idempotencyKey: key,
});

beforeAll(async () => {
  relay = await startSmtpStandIn({ user: 'relay@clinic.example.com', pass: 'p@ss:word/1' });
});

afterAll(async () => {
  await relay?.close();
});

describe('SMTP mailer', () => {
  it('logs in to the relay and delivers the message with a Message-ID derived from the key', async () => {
    const m = mailer(relay.url);
    expect(m.configured).toBe(true);
    const result = await m.send(message('CA1:escalation:staff-email:dr.lee'));
    m.close();
    expect(result).toEqual({
      status: 'sent',
      messageId: messageIdFor('CA1:escalation:staff-email:dr.lee', FROM),
    });
    const mail = relay.inbox.at(-1)!;
    expect(mail).toMatchObject({
      envelope: { from: 'no-reply@receptionist.example.com', to: [STAFF] },
      user: 'relay@clinic.example.com',
      from: 'no-reply@receptionist.example.com',
      to: [STAFF],
      subject: 'Bright Smile: caller needs a person',
      messageId: result.messageId,
    });
    expect(mail.text).toContain('+14155550123');
    expect(mail.text).toContain('root canal');
    expect(result.messageId).toMatch(/^<[0-9a-f]{32}@receptionist\.example\.com>$/);
  });

  it('gives a retried send the same Message-ID, so the second copy is recognisable', async () => {
    const before = relay.inbox.length;
    const a = await mailer(relay.url).send(message('CA2:escalation:staff-email:x'));
    const b = await mailer(relay.url).send(message('CA2:escalation:staff-email:x'));
    const c = await mailer(relay.url).send(message('CA3:escalation:staff-email:x'));
    expect(a.messageId).toBe(b.messageId);
    expect(c.messageId).not.toBe(a.messageId);
    const ids = relay.inbox.slice(before).map((m) => m.messageId);
    expect(ids).toEqual([a.messageId, a.messageId, c.messageId]);
  });

  it('reports a refused login as not sent, without throwing or logging the password', async () => {
    const before = { inbox: relay.inbox.length, failures: relay.authFailures };
    const wrong = `smtp://${encodeURIComponent(relay.user)}:wrong-secret@${relay.host}:${relay.port}`;
    const result = await mailer(wrong).send(message('wrong-pass'));
    expect(result.status).toBe('failed');
    expect(relay.authFailures).toBe(before.failures + 1);
    expect(relay.inbox).toHaveLength(before.inbox);
    const logs = logLines.join('');
    expect(logs).toContain('email not sent');
    expect(logs).not.toContain('wrong-secret');
    expect(logs).not.toContain(STAFF);
  });

  it('reports a relay that is down as not sent', async () => {
    const port = await freePort();
    const started = Date.now();
    const result = await mailer(`smtp://u:p@127.0.0.1:${port}`).send(message('down'));
    expect(result.status).toBe('failed');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up on a relay that never greets once the timeout passes', async () => {
    // Accepts the TCP connection and says nothing, as a wedged relay does.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const result = await mailer(`smtp://u:p@127.0.0.1:${port}`, 300).send(message('silent'));
      const took = Date.now() - started;
      expect(result.status).toBe('failed');
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(2_000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('without an SMTP URL sends nothing and says so', async () => {
    const before = relay.inbox.length;
    const m = mailer(undefined);
    expect(m.configured).toBe(false);
    const result = await m.send(message('unconfigured'));
    expect(result).toEqual({
      status: 'not_configured',
      messageId: messageIdFor('unconfigured', FROM),
    });
    expect(relay.inbox).toHaveLength(before);
    const line = logLines.find((l) => l.includes('no SMTP relay configured'));
    expect(line).toContain('d***@clinic.example.com');
    expect(line).not.toContain(STAFF);
  });
});
