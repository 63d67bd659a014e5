/** Keyset pagination on (created_at, id): stable while rows are inserted between pages. */
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

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    if (
      typeof createdAt !== 'string' ||
      typeof id !== 'string' ||
      Number.isNaN(Date.parse(createdAt))
    )
      throw new Error();
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error();
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
