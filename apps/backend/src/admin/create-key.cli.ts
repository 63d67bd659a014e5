// pnpm --filter @receptionist/backend admin:create-key --role admin [--tenant <uuid>] [--name <text>]
// Creates an admin API key and prints it once; only its hash is stored.
import { parseArgs } from 'node:util';
import { commonSchema, loadOrExit, parseEnv } from '@receptionist/config';
import {
  createPool,
  insertApiKey,
  insertAuditEntry,
  tenantExists,
  withTransaction,
} from '@receptionist/db';
import { generateApiKey } from './api-key.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    tenant: { type: 'string' },
    name: { type: 'string', default: 'created from the command line' },
  },
});
const role = values.role;
if (role !== 'admin' && role !== 'viewer') {
  process.stderr.write(
    'usage: admin:create-key --role admin|viewer [--tenant <uuid>] [--name <text>]\n',
  );
  process.exit(2);
}
const cfg = loadOrExit((env) => parseEnv(commonSchema.pick({ DATABASE_URL: true }), env));
const db = createPool({
  connectionString: cfg.DATABASE_URL,
  max: 1,
  applicationName: 'create-key',
});
try {
  const tenantId = values.tenant ?? null;
  if (tenantId !== null && !(await tenantExists(db, tenantId).catch(() => false))) {
    process.stderr.write(`no business with id ${tenantId}\n`);
    process.exit(1);
  }
  const generated = generateApiKey();
  const key = await withTransaction(db, async (c) => {
    const created = await insertApiKey(c, {
      tenantId,
      name: values.name ?? '',
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      role,
    });
    await insertAuditEntry(c, {
      tenantId,
      apiKeyId: null,
      actor: 'cli',
      action: 'api_key.create',
      resourceType: 'api_key',
      resourceId: created.id,
      after: created,
    });
    return created;
  });
  process.stderr.write(
    `created ${key.role} key ${key.prefix} (${tenantId ? `business ${tenantId}` : 'platform'}); it is shown only now:\n`,
  );
  process.stdout.write(`${generated.key}\n`);
} finally {
  await db.end();
}
