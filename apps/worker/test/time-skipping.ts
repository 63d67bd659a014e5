// Temporal's time-skipping test server for the workflows' waits (hours pass in milliseconds),
// run from Maven Central's build by scripts/lib/time-skipping-server.sh.
import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { freePort } from '@receptionist/testing';
import { readThrough, startedForSuite } from '@receptionist/testing/suite';
import { startHarness, workflowBundle, type Harness } from './harness.ts';

const SERVER = fileURLToPath(
  new URL('../../../scripts/lib/time-skipping-server.sh', import.meta.url),
);

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** The SDK's environment over a connection to a server it did not start. */
type Create = (opts: {
  server: { type: 'existing' };
  supportsTimeSkipping: boolean;
  address: string;
  namespace: string;
}) => Promise<TestWorkflowEnvironment>;

/**
 * Starts the server and connects a time-skipping environment to it. The SDK can start the
 * server itself but gives a JVM only 5 s to listen, too little on a busy machine, so the server
 * is started here and waited for; the environment's teardown stops it.
 */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  // The first run fetches the server from Maven Central (half a minute or so).
  await promisify(execFile)(SERVER, ['--fetch-only'], { timeout: 600_000 });
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Installed already by another file in this process.
  }
  const port = await freePort();
  const server = spawn(SERVER, [String(port)], { stdio: 'ignore' });
  const deadline = Date.now() + 90_000;
  while (!(await accepts(port))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`the time-skipping server did not listen on ${port}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const create = (TestWorkflowEnvironment as unknown as { create: Create }).create.bind(
    TestWorkflowEnvironment,
  );
  const env = await create({
    server: { type: 'existing' },
    supportsTimeSkipping: true,
    address: `127.0.0.1:${port}`,
    namespace: 'default',
  });
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    try {
      await teardown();
    } finally {
      server.kill('SIGTERM');
    }
  };
  return env;
}

/** The file's time-skipping environment: started before the file's tests, torn down after them. */
export const useTimeSkippingEnv = (): TestWorkflowEnvironment =>
  startedForSuite(timeSkippingEnv, (env) => env.teardown(), { timeoutMs: 600_000 });

/**
 * `useHarness` on the file's own time-skipping server: the harness with its worker polling, and
 * the environment whose clock the tests skip.
 */
export function useTimeSkippingHarness(name: string): {
  env: TestWorkflowEnvironment;
  h: Harness;
} {
  const both = startedForSuite(
    async () => {
      const env = await timeSkippingEnv();
      const h = await startHarness(name, env).catch(async (err: unknown) => {
        await env.teardown();
        throw err;
      });
      await h.startWorker().catch(async (err: unknown) => {
        await h.close();
        await env.teardown();
        throw err;
      });
      return { env, h };
    },
    async ({ env, h }) => {
      await h.close();
      await env.teardown();
    },
    { timeoutMs: 600_000 },
  );
  return { env: readThrough(() => both.env), h: readThrough(() => both.h) };
}

/** A worker of the real workflow bundle with the given activities on its own task queue. */
export async function timeSkippingWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: WorkerOptions['activities'],
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;

/**
 * Skips the server's clock on to the real time of day, whole days ahead. The activities read the
 * real clock (quiet hours, opening hours) and the workflows the server's: with both at the same
 * hour of the day, a tenant where it is noon now (the harness's) is at noon for both, however
 * many hours the tests before skipped.
 */
export async function skipToRealTimeOfDay(env: TestWorkflowEnvironment): Promise<void> {
  const ahead = (await env.currentTimeMs()) - Date.now();
  const rest = ((ahead % DAY) + DAY) % DAY;
  if (rest > MINUTE && rest < DAY - MINUTE) await env.sleep(DAY - rest);
}
