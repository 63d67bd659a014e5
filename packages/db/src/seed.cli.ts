import { commonSchema, loadOrExit, parseEnv } from '@receptionist/config';
import { createPool } from './pool.ts';
import { DEMO_TENANT, seedDemoTenant } from './seed.ts';

const cfg = loadOrExit((env) => parseEnv(commonSchema.pick({ DATABASE_URL: true }), env));
const db = createPool({ connectionString: cfg.DATABASE_URL, max: 2 });
const { tenantId } = await seedDemoTenant(db);
await db.end();
process.stdout.write(
  `demo tenant ${DEMO_TENANT.name} (${tenantId}) answers ${DEMO_TENANT.phoneNumber}\n`,
);
