import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startAdmin, type AdminHarness } from '../../test/admin-harness.ts';
import { adminRoutes } from './routes.ts';

let h: AdminHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('admin protection', () => {
  it('limits requests per key with 429 and Retry-After', async () => {
    h = await startAdmin({ env: { ADMIN_RATE_LIMIT_PER_MINUTE: '3' } });
    const a = await h.key(null, 'viewer');
    const b = await h.key(null, 'viewer');
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await request(h.app).get('/admin/v1/tenants').set('Authorization', a)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(h.app).get('/admin/v1/tenants').set('Authorization', a);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another key is counted on its own.
    expect((await request(h.app).get('/admin/v1/tenants').set('Authorization', b)).status).toBe(
      200,
    );
  });

  it('limits requests per client address before authentication', async () => {
    h = await startAdmin({ env: { ADMIN_IP_RATE_LIMIT_PER_MINUTE: '2' } });
    const guess = () =>
      request(h!.app)
        .get('/admin/v1/tenants')
        .set('X-Forwarded-For', '203.0.113.9')
        .set('Authorization', 'Bearer rcp_000000000000_' + 'a'.repeat(43));
    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(401);
    const res = await guess();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    const otherClient = await request(h.app)
      .get('/admin/v1/tenants')
      .set('X-Forwarded-For', '203.0.113.10');
    expect(otherClient.status).toBe(401);
  });

  it('refuses bodies over the limit and sets security headers', async () => {
    h = await startAdmin({ env: { ADMIN_BODY_LIMIT_BYTES: '2048' } });
    const key = await h.key(null, 'admin');
    const tenantId = await h.tenant();
    const res = await request(h.app)
      .post(`/admin/v1/tenants/${tenantId}/knowledge`)
      .set('Authorization', key)
      .send({ question: 'big?', answer: 'x'.repeat(4_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('serves the OpenAPI document and the docs page without a key', async () => {
    h = await startAdmin();
    const doc = await request(h.app).get('/admin/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const operations = Object.values(
      doc.body.paths as Record<string, Record<string, { operationId: string }>>,
    )
      .flatMap((p) => Object.values(p).map((o) => o.operationId))
      .sort();
    expect(operations).toEqual([...adminRoutes.map((r) => r.operationId), 'tryItTurn'].sort());
    // Try it lives under the console's session, not the Bearer-key API.
    const tryIt = doc.body.paths['/tenants/{tenantId}/try-it/turns'].post;
    expect(tryIt.servers).toEqual([{ url: '/console/api' }]);
    expect(tryIt.security).toEqual([{ consoleSession: [] }]);
    expect(doc.body.components.schemas.TryItTurn.additionalProperties).toBe(false);
    expect(doc.body.components.schemas.TenantPatch.additionalProperties).toBe(false);
    const docs = await request(h.app).get('/admin/v1/docs');
    expect(docs.headers['content-type']).toContain('text/html');
    for (const r of adminRoutes) expect(docs.text).toContain(r.path.replace(/&/g, '&#38;'));
  });

  it('never writes a phone number in a query string to the access log in clear', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    h = await startAdmin({ logDestination: sink });
    const key = await h.key(null, 'viewer');
    const tenantId = await h.tenant();
    const res = await request(h.app)
      .get(`/admin/v1/tenants/${tenantId}/calls?number=%2B14155550123`)
      .set('Authorization', key);
    expect(res.status).toBe(200);
    const log = lines.join('');
    expect(log).toContain('/calls?number=');
    expect(log).not.toContain('4155550123');
    expect(log).not.toContain(key.slice(7));
  });
});
