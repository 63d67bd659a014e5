// pnpm migrate [up|down] [count]
import { loadOrExit, parseEnv, commonSchema } from '@receptionist/config';
import { migrate, type MigrationDirection } from './migrate.ts';

const cfg = loadOrExit((env) => parseEnv(commonSchema.pick({ DATABASE_URL: true }), env));
const direction = (process.argv[2] ?? 'up') as MigrationDirection;
if (direction !== 'up' && direction !== 'down') {
  process.stderr.write('usage: migrate [up|down] [count]\n');
  process.exit(2);
}
const count = process.argv[3] ? Number(process.argv[3]) : undefined;
const ran = await migrate(cfg.DATABASE_URL, { direction, ...(count ? { count } : {}) });
process.stdout.write(
  ran.length ? `${direction}: ${ran.join(', ')}\n` : `${direction}: nothing to do\n`,
);
