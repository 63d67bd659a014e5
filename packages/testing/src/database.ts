import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

function adminUrl(): string {
  if (process.env.DATABASE_ADMIN_URL) return process.env.DATABASE_ADMIN_URL;
  if (!process.env.DATABASE_URL)
    throw new Error('DATABASE_URL is required for tests (run scripts/test.sh)');
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = '/postgres';
  return u.toString();
}

/**
 * A database of its own for one test file, copied from the migrated template that the
 * `@receptionist/db/test-template` globalSetup prepared. Nothing is shared between files.
 */
export async function createTestDatabase(opts: { template?: string } = {}): Promise<TestDatabase> {
  const template = opts.template ?? (inject('templateDatabase' as never) as string | undefined);
  if (!template)
    throw new Error('no template database: add @receptionist/db/test-template to globalSetup');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Dropping the database ends its connections; a client closing at that moment must not surface
  // as an unhandled error in whatever test runs next.
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
