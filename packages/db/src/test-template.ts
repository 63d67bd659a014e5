// Vitest globalSetup: one migrated template database per set of migrations, so each test file
// gets a fresh database by copying it (CREATE DATABASE ... TEMPLATE) in milliseconds.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';

function adminUrl(): string {
  const env = process.env;
  if (env.DATABASE_ADMIN_URL) return env.DATABASE_ADMIN_URL;
  if (!env.DATABASE_URL)
    throw new Error('DATABASE_URL is required for tests (run scripts/test.sh)');
  const u = new URL(env.DATABASE_URL);
  u.pathname = '/postgres';
  return u.toString();
}

export function templateName(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort())
    hash.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
  return `tpl_${hash.digest('hex').slice(0, 16)}`;
}

export async function ensureTemplateDatabase(): Promise<{ name: string; adminUrl: string }> {
  const name = templateName();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(727274)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_build`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const u = new URL(adminUrl());
      u.pathname = `/${building}`;
      await migrate(u.toString());
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      // Older templates belong to migrations that no longer exist, or to another branch testing
      // against the same server right now: keep the most recent few (by creation order) so
      // parallel runs on different migration sets never drop each other's template.
      const stale = await admin.query(
        `SELECT datname FROM pg_database WHERE datname LIKE 'tpl\\_%' AND datname <> $1
          ORDER BY oid DESC OFFSET 20`,
        [name],
      );
      for (const row of stale.rows as { datname: string }[]) {
        await admin.query(`ALTER DATABASE ${row.datname} WITH IS_TEMPLATE false`);
        await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      }
    }
    return { name, adminUrl: adminUrl() };
  } finally {
    await admin.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await admin.end();
  }
}

export default async function setup(project: { provide: (key: string, value: unknown) => void }) {
  const { name } = await ensureTemplateDatabase();
  project.provide('templateDatabase', name);
}
