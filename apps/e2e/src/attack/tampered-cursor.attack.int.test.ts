// Low finding: a tampered pagination cursor answered 500 (it reached PostgreSQL as a bad uuid or
// timestamp). Every list of the admin API (the real backend process) now answers 400
// invalid_cursor for anything that is not a cursor the API issued.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackendProcess } from '../../test/backend-process.ts';

let biz: { tenantId: string; authorization: string };
const backend = useBackendProcess();
beforeAll(async () => {
  biz = await backend.tenantAdmin();
}, 60_000);

const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';

describe('attack: tampered pagination cursors', () => {
  it('answers 400 invalid_cursor, never 5xx, on every list', async () => {
    const tampered = [
      cursor(['2026-01-01T00:00:00Z', '-'.repeat(36)]),
      cursor(['2026-01-01T00:00:00Z', 'g'.repeat(36)]),
      cursor(['1', UUID]),
      cursor(['2026-02-31T00:00:00Z', UUID]),
      cursor(['0000-01-01T00:00:00Z', UUID]),
      cursor(['275760-09-13T00:00:00Z', UUID]),
      cursor(['2026-01-01T00:00:00+99:00', UUID]),
      cursor([{}, UUID]),
      cursor({ createdAt: '2026-01-01T00:00:00Z', id: UUID }),
      cursor(['2026-01-01T00:00:00Z', UUID, 'extra']),
      'not-a-cursor',
      '%%%',
    ];
    const lists = [
      '/tenants',
      `/tenants/${biz.tenantId}/calls`,
      `/tenants/${biz.tenantId}/bookings`,
      `/tenants/${biz.tenantId}/contacts`,
      `/tenants/${biz.tenantId}/escalations`,
      `/tenants/${biz.tenantId}/knowledge`,
      `/tenants/${biz.tenantId}/phone-numbers`,
      `/tenants/${biz.tenantId}/audit-log`,
      `/tenants/${biz.tenantId}/sms-conversations`,
    ];
    for (const list of lists)
      for (const c of tampered) {
        const res = await backend.admin(
          'GET',
          `${list}?cursor=${encodeURIComponent(c)}`,
          biz.authorization,
        );
        expect(res.status, `${list} ${c}`).toBe(400);
        expect((res.body.error as { code: string }).code, `${list} ${c}`).toMatch(
          /^(invalid_cursor|validation_failed)$/,
        );
      }
    // A cursor the API issued still pages.
    const ok = await backend.admin(
      'GET',
      `/tenants/${biz.tenantId}/calls?cursor=${cursor(['2026-01-01T00:00:00.123456Z', UUID])}`,
      biz.authorization,
    );
    expect(ok.status).toBe(200);
  });
});
