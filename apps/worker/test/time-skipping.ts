// Temporal's time-skipping test server for workflow waits (hours pass in milliseconds). The SDK
// downloads a native build from GitHub; scripts/lib/temporal-test-server.sh runs the same server
// from Maven Central on Java instead. The JVM can take longer than the SDK's fixed 5 s start
// window on a busy machine, so the server is started here and the environment attached to it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort, waitFor } from '@receptionist/testing';

export const TEST_SERVER_LAUNCHER = fileURLToPath(
  new URL('../../../scripts/lib/temporal-test-server.sh', import.meta.url),
);

interface Attachable {
  // TestWorkflowEnvironment.create is what createTimeSkipping calls once its own server is up.
  create(opts: {
    server: { type: 'existing' };
    address: string;
    namespace: string;
    supportsTimeSkipping: true;
  }): Promise<TestWorkflowEnvironment>;
}

export async function createTimeSkippingEnvironment(): Promise<{
  env: TestWorkflowEnvironment;
  teardown(): Promise<void>;
}> {
  const port = await freePort();
  const server = spawn(TEST_SERVER_LAUNCHER, [String(port)], { stdio: 'ignore', detached: false });
  const { createConnection } = await import('node:net');
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
  await waitFor(listening, 90_000, `the time-skipping test server on port ${port}`);
  const env = await (TestWorkflowEnvironment as unknown as Attachable).create({
    server: { type: 'existing' },
    address: `127.0.0.1:${port}`,
    namespace: 'default',
    supportsTimeSkipping: true,
  });
  return {
    env,
    async teardown() {
      await env.teardown();
      server.kill('SIGTERM');
    },
  };
}
