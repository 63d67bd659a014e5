// Temporal's time-skipping test server for the workflows' waits (hours pass in milliseconds),
// run from Maven Central's build by scripts/lib/time-skipping-server.sh.
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowBundle } from './harness.ts';

const SERVER = fileURLToPath(
  new URL('../../../scripts/lib/time-skipping-server.sh', import.meta.url),
);

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Installed already by another file in this process.
  }
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: SERVER } },
  });
}

/** A worker of the real workflow bundle with the given activities on its own task queue. */
export async function timeSkippingWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: Record<string, (...args: never[]) => Promise<unknown>>,
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
