// The whole product for the fault suite, on PostgreSQL, Redis and Temporal instances of its own
// (their own ports and state directory, started by scripts/services.sh), so restarting them never
// touches the services anything else on the machine uses. The backend, agent and worker run as
// real processes that the suite kills and restarts; the model is the agent's Messages API
// stand-in, scripted by the offline reader, with a switch that makes it fail.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { startAnthropicStandIn, toolUse } from '@receptionist/agent/test/anthropic-stand-in';
import { understandOffline } from '@receptionist/agent/understand-offline';
import { migrate, seedDemoTenant } from '@receptionist/db';
import { freePort } from '@receptionist/testing';
import { readRequest } from '../runner/model-stand-in.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
export const APPS = ['backend', 'agent', 'worker'] as const;
export type App = (typeof APPS)[number];
export type ModelMode = 'ok' | 'error' | 'timeout';
export const AUTH_TOKEN = 'fault-suite-twilio-token';

export interface FaultStack {
  base: string;
  pool: pg.Pool;
  tenantId: string;
  readyUrls: Record<App, string>;
  agentMetricsUrl: string;
  setModel(mode: ModelMode): void;
  kill(app: App): void;
  start(app: App): Promise<void>;
  stopRedis(): Promise<void>;
  stopPostgres(): Promise<void>;
  stopTemporal(): Promise<void>;
  /** Brings every stopped service back (scripts/services.sh up is idempotent). */
  servicesUp(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultStack(opts: {
  modelTimeoutMs: number;
  /** The environment the services and processes start from (the suite's own). */
  env: NodeJS.ProcessEnv;
  /** Shows the processes' logs at this level; unset, they are silent. */
  logLevel?: string;
}): Promise<FaultStack> {
  const stateDir = await mkdtemp(join(tmpdir(), 'receptionist-faults-'));
  const [pgPort, redisPort, temporalPort, uiPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  // Only the suite's own instances: every address is derived from these ports by lib/env.sh.
  const serviceEnv: NodeJS.ProcessEnv = { ...opts.env };
  for (const k of ['DATABASE_URL', 'DATABASE_ADMIN_URL', 'REDIS_URL', 'TEMPORAL_ADDRESS'])
    delete serviceEnv[k];
  Object.assign(serviceEnv, {
    SERVICES_STATE_DIR: stateDir,
    PGPORT: String(pgPort),
    REDIS_PORT: String(redisPort),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
  });
  const servicesUp = async () => {
    await run('bash', [`${root}scripts/services.sh`, 'up'], { env: serviceEnv, timeout: 120_000 });
  };
  await servicesUp();
  const pgBin = (
    await run('bash', [`${root}scripts/services.sh`, 'env'], { env: serviceEnv })
  ).stdout.match(/PG_BIN_DIR='([^']+)'/)![1]!;
  const asPg = (cmd: string, args: string[]) =>
    process.getuid?.() === 0
      ? run('runuser', ['-u', 'postgres', '--', cmd, ...args])
      : run(cmd, args);

  const dbUrl = `postgres://receptionist:receptionist@127.0.0.1:${pgPort}/receptionist`;
  await migrate(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  pool.on('error', () => undefined);
  const { tenantId } = await seedDemoTenant(pool);
  // No payments provider: a booking is confirmed on the call, without a deposit link.
  await pool.query('UPDATE tenants SET deposit_required = false');

  let mode: ModelMode = 'ok';
  const model = await startAnthropicStandIn((body) => {
    if (mode === 'error') return { content: [], status: 500 };
    const understood = understandOffline(readRequest(body as never));
    return {
      content: [toolUse('record_commands', understood)],
      ...(mode === 'timeout' ? { delayMs: opts.modelTimeoutMs * 4 } : {}),
    };
  });

  const ports = { backend: await freePort(), agent: await freePort(), worker: await freePort() };
  const base = `http://127.0.0.1:${ports.backend}`;
  const env = {
    ...opts.env,
    NODE_ENV: 'production',
    LOG_LEVEL: opts.logLevel ?? 'error',
    DATABASE_URL: dbUrl,
    DATABASE_POOL_MAX: '20',
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: 'faults',
    PUBLIC_BASE_URL: base,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    AGENT_SHARED_SECRET: 'fault-suite-agent-secret',
    BACKEND_PORT: String(ports.backend),
    AGENT_PORT: String(ports.agent),
    WORKER_HTTP_PORT: String(ports.worker),
    AGENT_URL: `http://127.0.0.1:${ports.agent}`,
    ANTHROPIC_API_KEY: 'sk-ant-fault-suite',
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_MAX_RETRIES: '0',
    ANTHROPIC_TIMEOUT_MS: String(opts.modelTimeoutMs),
  };
  const readyUrls = {
    backend: `${base}/ready`,
    agent: `http://127.0.0.1:${ports.agent}/ready`,
    worker: `http://127.0.0.1:${ports.worker}/ready`,
  };
  const procs: Partial<Record<App, ChildProcess>> = {};
  const start = async (app: App) => {
    procs[app] = spawn(process.execPath, ['src/main.ts'], {
      cwd: `${root}apps/${app}`,
      env,
      stdio: [
        'ignore',
        ...(opts.logLevel ? (['inherit', 'inherit'] as const) : (['ignore', 'ignore'] as const)),
      ],
    });
    await waitFor(async () => (await fetch(readyUrls[app]).catch(() => null))?.ok === true, 90_000);
  };
  await Promise.all(APPS.map(start));

  const temporalPid = () => Number(readFileSync(join(stateDir, 'temporal', 'pid'), 'utf8'));
  return {
    base,
    pool,
    tenantId,
    readyUrls,
    agentMetricsUrl: `http://127.0.0.1:${ports.agent}/metrics`,
    setModel: (m) => {
      mode = m;
    },
    kill: (app) => procs[app]?.kill('SIGKILL'),
    start,
    async stopRedis() {
      await run('redis-cli', ['-p', String(redisPort), 'shutdown', 'nosave']).catch(
        () => undefined,
      );
    },
    async stopPostgres() {
      await asPg(`${pgBin}/pg_ctl`, ['-D', join(stateDir, 'pg'), '-m', 'fast', '-w', 'stop']);
    },
    async stopTemporal() {
      const pid = temporalPid();
      process.kill(pid, 'SIGTERM');
      await waitFor(async () => !alive(pid), 10_000).catch(() => process.kill(pid, 'SIGKILL'));
    },
    servicesUp,
    async close() {
      for (const p of Object.values(procs)) p?.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1_500));
      for (const p of Object.values(procs)) if (p && p.exitCode === null) p.kill('SIGKILL');
      await model.close();
      await pool.end().catch(() => undefined);
      await run('bash', [`${root}scripts/services.sh`, 'down'], { env: serviceEnv }).catch(
        () => undefined,
      );
      await rm(stateDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}
