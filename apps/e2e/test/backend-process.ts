// The real backend as its own process (`node apps/backend/src/main.ts`) on a database and Redis
// prefix of its own. An attack that blocks the backend's event loop then blocks only the backend:
// the test keeps its clock and fails on its own timeout instead of hanging with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createTenant, insertApiKey, type Db } from '@receptionist/db';
import { createTestDatabase, createTestRedis, freePort, waitFor } from '@receptionist/testing';
import type { TestDatabase, TestRedis } from '@receptionist/testing';
import { startedForSuite } from '@receptionist/testing/suite';

const MAIN = fileURLToPath(new URL('../../backend/src/main.ts', import.meta.url));

export interface BackendProcess {
  baseUrl: string;
  tdb: TestDatabase;
  db: Db;
  /** A tenant admin key ("Bearer rcp_...") for a fresh business. */
  tenantAdmin(): Promise<{ tenantId: string; authorization: string }>;
  /** Calls the admin API; `timeoutMs` aborts a request the backend never answers. */
  admin(
    method: string,
    path: string,
    auth: string,
    body?: unknown,
    timeoutMs?: number,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The file's backend process: started before its tests, closed after them. */
export const useBackendProcess = (env: Record<string, string> = {}): BackendProcess =>
  startedForSuite(
    () => startBackendProcess(env),
    (b) => b.close(),
    { timeoutMs: 60_000 },
  );

export async function startBackendProcess(
  env: Record<string, string> = {},
): Promise<BackendProcess> {
  const tdb: TestDatabase = await createTestDatabase();
  const redis: TestRedis = await createTestRedis();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: tdb.url,
      REDIS_URL: redis.url,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
      PUBLIC_BASE_URL: 'https://voice.example.test',
      BACKEND_PORT: String(port),
      BIND_HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`backend exited: ${stderr}`);
      return fetch(`${baseUrl}/health`).then(
        (r) => r.status < 500,
        () => false,
      );
    },
    30_000,
    'the backend process to listen',
  );
  const db = tdb.pool as unknown as Db;
  return {
    baseUrl,
    tdb,
    db,
    async tenantAdmin() {
      const slug = `attack-${randomBytes(4).toString('hex')}`;
      const { id: tenantId } = await createTenant(db, { slug, name: `Business ${slug}` });
      // The key format of the admin API: rcp_<12 hex>_<43 base64url>, stored as a SHA-256 hash.
      const prefix = `rcp_${randomBytes(6).toString('hex')}`;
      const secret = randomBytes(32).toString('base64url');
      await insertApiKey(db, {
        tenantId,
        role: 'admin',
        name: 'attack suite',
        prefix,
        secretHash: createHash('sha256').update(secret, 'utf8').digest('hex'),
      });
      return { tenantId, authorization: `Bearer ${prefix}_${secret}` };
    },
    async admin(method, path, auth, body, timeoutMs = 10_000) {
      const res = await fetch(`${baseUrl}/admin/v1${path}`, {
        method,
        headers: {
          authorization: auth,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      await redis.cleanup();
      await tdb.drop();
    },
  };
}
