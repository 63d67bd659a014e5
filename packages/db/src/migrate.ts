import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export type MigrationDirection = 'up' | 'down';

/** Applies (or reverts `count`) migrations; safe to re-run, node-pg-migrate takes an advisory lock. */
export async function migrate(
  databaseUrl: string,
  opts: { direction?: MigrationDirection; count?: number; log?: (msg: string) => void } = {},
): Promise<string[]> {
  const ran = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: opts.direction ?? 'up',
    count: opts.count ?? (opts.direction === 'down' ? 1 : Infinity),
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true,
    log: opts.log ?? (() => undefined),
  });
  return ran.map((m) => m.name);
}
