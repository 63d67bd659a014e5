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
 * Concurrent writers checked by the bookings exclusion constraint can deadlock each other; Postgres
 * aborts one of them. A single autocommit statement on the pool is safe to repeat, and repeating it
 * turns the loser into the ordinary "slot taken" answer. Inside a caller's transaction the whole
 * transaction is aborted, so there the error goes back to the caller.
 */
export async function retryOnDeadlock<T>(
  db: Queryable,
  run: () => Promise<T>,
  attempts = 4,
): Promise<T> {
  const canRepeat = db instanceof pg.Pool;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!canRepeat || attempt >= attempts || (err as { code?: string }).code !== '40P01')
        throw err;
    }
  }
}
