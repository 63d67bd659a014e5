import pg from 'pg';

export type Db = pg.Pool;
export type DbClient = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

// int8 as number: our bigint columns (costs in micro-dollars) stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createPool(opts: {
  connectionString: string;
  max?: number;
  applicationName?: string;
  onError?: (err: Error) => void;
}): Db {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 20,
    application_name: opts.applicationName ?? 'receptionist',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  // Nor one that is checked out: pg emits 'error' on a client whose server went away even while
  // a query of it is failing with the same error, and the pool listens only to its idle clients.
  pool.on('connect', (client) => client.on('error', (err) => opts.onError?.(err)));
  return pool;
}

export async function withTransaction<T>(db: Db, fn: (client: DbClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function pingDb(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * Runs a write on a tenant's calendar while holding that tenant's calendar lock. Inserts checked
 * by the bookings exclusion constraint otherwise wait on each other's uncommitted rows and
 * deadlock; Postgres breaks each such cycle only after deadlock_timeout, so twenty callers racing
 * for one slot took seconds. Queued on the lock, they are decided one by one in milliseconds:
 * the first gets the slot, the rest get the constraint's "slot taken". On the pool the write gets
 * a transaction of its own; on a caller's client it joins the caller's transaction.
 */
export async function withCalendarLock<T>(
  db: Queryable,
  tenantId: string,
  write: (q: Queryable) => Promise<T>,
): Promise<T> {
  const lock = (q: Queryable) =>
    q.query(`SELECT pg_advisory_xact_lock(hashtextextended('calendar:' || $1, 0))`, [tenantId]);
  if (db instanceof pg.Pool) {
    return withTransaction(db, async (client) => {
      await lock(client);
      return write(client);
    });
  }
  await lock(db);
  return write(db);
}
