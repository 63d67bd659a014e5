/** Keyset pagination on (created_at, id): stable while rows are inserted between pages. */
import type { Queryable } from '../pool.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('invalid cursor');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(createdAt: Date | string, id: string): string {
  const at = typeof createdAt === 'string' ? createdAt : createdAt.toISOString();
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

// Exactly what encodeCursor writes, so PostgreSQL can always read it: an ISO instant in UTC with
// up to microseconds, years 1000-9999, and a UUID in its canonical form. Anything looser (a
// "UUID" of 36 dashes, "1" as a date) reached the query and failed there as a 500.
const CURSOR_INSTANT = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    if (cursor.length > 200) throw new Error();
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) throw new Error();
    const [createdAt, id] = decoded as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string') throw new Error();
    if (!CURSOR_INSTANT.test(createdAt) || Number.isNaN(Date.parse(createdAt))) throw new Error();
    // Date.parse rolls 2026-02-31 over to March; PostgreSQL refuses it. Same day back, or refuse.
    if (new Date(createdAt).toISOString().slice(0, 10) !== createdAt.slice(0, 10))
      throw new Error();
    if (!CURSOR_ID.test(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw new InvalidCursorError();
  }
}

/**
 * Appends the keyset condition and ordering for a newest-first list. `params` already holds the
 * caller's parameters; returns the SQL tail and the extended parameter list.
 */
export function keysetTail(
  page: PageRequest,
  params: unknown[],
  alias = '',
): { sql: string; params: unknown[] } {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  const p = [...params];
  let sql = '';
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    p.push(c.createdAt, c.id);
    sql += ` AND (${col('created_at')}, ${col('id')}) < ($${p.length - 1}::timestamptz, $${p.length}::uuid)`;
  }
  p.push(page.limit + 1);
  sql += ` ORDER BY ${col('created_at')} DESC, ${col('id')} DESC LIMIT $${p.length}`;
  return { sql, params: p };
}

export function toPage<T extends { createdAt: Date; id: string }>(
  rows: T[],
  limit: number,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/**
 * A JS Date keeps milliseconds but Postgres stores microseconds: a cursor built from the Date
 * lands between rows of the same millisecond and the next page skips them. Lists that select
 * this column (the exact created_at as ISO text) and page with toExactPage never do.
 */
export const exactCursorColumn = (alias = '') =>
  `to_char(${alias ? `${alias}.` : ''}created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_created_at`;

export function toExactPage<T>(
  rows: Record<string, unknown>[],
  map: (row: Record<string, unknown>) => T,
  limit: number,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(map),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(last.cursor_created_at as string, last.id as string)
        : null,
  };
}

/**
 * One newest-first page of a table, with exact cursors: the body every plain admin list shares.
 * `tenantId` null lists every business's rows (platform operators only). `equal` narrows the
 * list to rows whose column holds the value; an undefined value is no filter (an optional query
 * parameter left out). Table, columns and filter columns are the repository's constants, never
 * input.
 */
export async function listPage<T>(
  db: Queryable,
  from: { table: string; columns: string; map: (row: Record<string, unknown>) => T },
  tenantId: string | null,
  page: PageRequest,
  equal: Record<string, unknown> = {},
): Promise<Page<T>> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (tenantId !== null) {
    params.push(tenantId);
    where.push('tenant_id = $1');
  }
  for (const [column, value] of Object.entries(equal)) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  const tail = keysetTail(page, params);
  const { rows } = await db.query(
    `SELECT ${from.columns}, ${exactCursorColumn()} FROM ${from.table} WHERE ${where.join(' AND ') || 'TRUE'}${tail.sql}`,
    tail.params,
  );
  return toExactPage(rows, from.map, page.limit);
}
