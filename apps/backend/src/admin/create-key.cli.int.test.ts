import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useAdmin } from '../../test/admin-harness.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./create-key.cli.ts', import.meta.url));

const h = useAdmin();

const createKey = (args: string[]) =>
  run(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: h.databaseUrl, LOG_LEVEL: 'silent' },
  });

describe('admin:create-key', () => {
  it('creates the first platform admin key, prints it once and stores only its hash', async () => {
    const { stdout, stderr } = await createKey(['--role', 'admin', '--name', 'bootstrap']);
    const key = stdout.trim();
    expect(key).toMatch(/^rcp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(stderr).toContain('platform');
    const { rows } = await h.db.query('SELECT * FROM api_keys WHERE prefix = $1', [
      key.slice(0, 16),
    ]);
    expect(rows[0]).toMatchObject({ tenant_id: null, role: 'admin', name: 'bootstrap' });
    expect(rows[0].secret_hash).not.toContain(key.slice(17));
    const audit = await h.db.query(`SELECT actor FROM audit_log WHERE resource_id = $1`, [
      rows[0].id,
    ]);
    expect(audit.rows).toEqual([{ actor: 'cli' }]);
    const res = await request(h.app)
      .post('/admin/v1/tenants')
      .set('Authorization', `Bearer ${key}`)
      .send({ slug: 'first-business', name: 'First business' });
    expect(res.status).toBe(201);
  });

  it('creates a business viewer key and refuses a bad role or an unknown business', async () => {
    const tenantId = await h.tenant();
    const { stdout } = await createKey(['--role', 'viewer', '--tenant', tenantId]);
    const res = await request(h.app)
      .get(`/admin/v1/tenants/${tenantId}`)
      .set('Authorization', `Bearer ${stdout.trim()}`);
    expect(res.status).toBe(200);
    await expect(createKey(['--role', 'owner'])).rejects.toMatchObject({ code: 2 });
    await expect(
      createKey(['--role', 'admin', '--tenant', '00000000-0000-4000-8000-000000000000']),
    ).rejects.toMatchObject({ code: 1 });
  });
});
