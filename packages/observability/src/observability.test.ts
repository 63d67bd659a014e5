import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { healthRouter, httpObservability } from './http.ts';
import { createLogger, createMetrics, maskEmail, maskPhone, propagationHeaders } from './index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('redacts secrets, auth headers and phone numbers', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 't', destination: stream });
    log.info(
      { caller: { phone: '+14155550123', authToken: 'tok_123' }, From: '+447700900123' },
      'call',
    );
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('4155550123');
    expect(line).not.toContain('7700900123');
    expect(line).not.toContain('tok_123');
    expect(line).toContain('***23');
    expect(lines[0]!.service).toBe('t');
  });

  it('redacts the SMTP relay URL and masks mail addresses', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 't', destination: stream });
    log.info(
      {
        config: { SMTP_URL: 'smtp://relay:hunter2@mail.example.com:587' },
        contact: { email: 'dr.lee@clinic.example.com' },
        to: 'front-desk@clinic.example.com',
      },
      'mail',
    );
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('dr.lee@');
    expect(line).not.toContain('front-desk@');
    expect(line).toContain('d***@clinic.example.com');
    expect(maskEmail('550 <bob@example.org> rejected')).toBe('550 <b***@example.org> rejected');
  });

  it('masks numbers inside free text', () => {
    expect(maskPhone('call me on +1 (415) 555-0199 please')).toBe('call me on ***99 please');
    expect(maskPhone('booking 42 at 10:30')).toBe('booking 42 at 10:30');
  });
});

describe('http observability', () => {
  function app() {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 't', destination: stream });
    const metrics = createMetrics('t');
    const a = express();
    a.use(httpObservability(logger, metrics));
    a.get('/items/:id', (_req, res) => {
      res.json({ propagated: propagationHeaders() });
    });
    a.use(
      healthRouter({
        metrics,
        checks: { postgres: async () => {}, redis: async () => Promise.reject(new Error('down')) },
      }),
    );
    return { a, lines };
  }

  it('keeps an incoming request id, echoes it, and propagates it to outbound calls', async () => {
    const { a, lines } = app();
    const res = await request(a)
      .get('/items/7')
      .set('x-request-id', 'abc-123')
      .set('authorization', 'Bearer sekrit');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.propagated).toEqual({ 'x-request-id': 'abc-123' });
    const access = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'abc-123');
    expect(access).toBeDefined();
    expect(JSON.stringify(access)).not.toContain('sekrit');
  });

  it('generates a request id when none or a malformed one is sent', async () => {
    const { a } = app();
    const res = await request(a).get('/items/1').set('x-request-id', 'bad id with spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records durations by route template and status, and reports which dependency failed', async () => {
    const { a } = app();
    await request(a).get('/items/1');
    await request(a).get('/items/2');
    const ready = await request(a).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.failed).toEqual(['redis']);
    expect(ready.body.checks.postgres).toBe('ok');
    const metrics = await request(a).get('/metrics');
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{service="t",method="GET",route="\/items\/:id",status="200"\} 2/,
    );
    expect(metrics.text).toContain('process_resident_memory_bytes');
  });
});
