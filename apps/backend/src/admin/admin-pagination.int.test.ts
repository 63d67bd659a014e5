import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createCallIdempotent, encodeCursor } from '@receptionist/db';
import { uniqueSlug, useAdmin } from '../../test/admin-harness.ts';
import { freshNumber, insertLiveBooking } from '../../test/admin-fixtures.ts';

const h = useAdmin();
let key: string;
let tenantId: string;

beforeAll(async () => {
  tenantId = await h.tenant();
  key = await h.key(tenantId, 'viewer');
});

const get = (path: string) =>
  request(h.app).get(`/admin/v1/tenants/${tenantId}${path}`).set('Authorization', key);

async function addCall(createdAt?: Date) {
  const { call } = await createCallIdempotent(h.db, tenantId, {
    callSid: `CA-${uniqueSlug()}`,
    fromNumber: freshNumber(),
    toNumber: '+14155550100',
  });
  if (createdAt)
    await h.db.query('UPDATE calls SET created_at = $2 WHERE id = $1', [call.id, createdAt]);
  return call.id;
}

describe('cursor pagination', () => {
  it('neither skips nor repeats rows while rows are inserted between pages', async () => {
    // Several rows share one created_at so the id tie-breaker is exercised too.
    const same = new Date('2026-01-01T00:00:00Z');
    const original: string[] = [];
    for (let i = 0; i < 23; i++) original.push(await addCall(i % 4 === 0 ? same : undefined));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/calls?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
      pages++;
      // New calls arrive while the operator pages: they are newer than the cursor, so they
      // belong before the first page and must not shift what the next page returns.
      await addCall();
      await addCall();
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...original].sort());
  });

  it('uses 50 by default, allows 200 at most and refuses foreign cursors', async () => {
    for (let i = 0; i < 55; i++) await insertLiveBooking(h.db, tenantId, i * 2);
    const first = await get('/bookings');
    expect(first.body.items).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await get(`/bookings?cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(5);
    expect(rest.body.nextCursor).toBeNull();
    expect((await get('/bookings?limit=201')).status).toBe(400);
    expect((await get('/bookings?limit=0')).status).toBe(400);
    const bad = await get('/bookings?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_cursor');
    // A well-formed cursor from the future simply yields the newest rows after it: none skipped.
    const future = encodeCursor(
      new Date('2100-01-01T00:00:00Z'),
      '00000000-0000-4000-8000-000000000000',
    );
    expect((await get(`/bookings?limit=200&cursor=${future}`)).body.items).toHaveLength(55);
  });
});
