// Temporal's time-skipping test server (the Java one, io.temporal:temporal-test-server from Maven
// Central), for @temporalio/testing's TestWorkflowEnvironment.createTimeSkipping: the SDK's own
// download of a prebuilt binary reaches no host here. Found at $TEMPORAL_TEST_SERVER_PATH, else
// <repo>/.cache/temporal-test-server/temporal-test-server, else installed there with Maven.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_TEST_SERVER_VERSION = '1.31.0';
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local.receptionist</groupId><artifactId>temporal-test-server</artifactId><version>1</version>
<dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
<version>${TEMPORAL_TEST_SERVER_VERSION}</version></dependency></dependencies></project>
`;

async function withLock<T>(dir: string, fn: () => T): Promise<T> {
  const lock = join(dir, '.install.lock');
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for the test server install');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(lock);
  }
}

/** The executable TestWorkflowEnvironment runs as `<path> <port>`. */
export async function temporalTestServerPath(): Promise<string> {
  if (process.env.TEMPORAL_TEST_SERVER_PATH) return process.env.TEMPORAL_TEST_SERVER_PATH;
  const dir = join(REPO_ROOT, '.cache', 'temporal-test-server');
  const launcher = join(dir, 'temporal-test-server');
  if (existsSync(launcher)) return launcher;
  mkdirSync(dir, { recursive: true });
  return withLock(dir, () => {
    if (existsSync(launcher)) return launcher;
    writeFileSync(join(dir, 'pom.xml'), POM);
    execFileSync(
      'mvn',
      ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${join(dir, 'lib')}`],
      { cwd: dir, stdio: 'inherit', timeout: 600_000 },
    );
    writeFileSync(
      launcher,
      `#!/bin/sh\nexec java -Xmx512m -cp "${join(dir, 'lib')}/*" io.temporal.testserver.TestServer "$@"\n`,
    );
    chmodSync(launcher, 0o755);
    return launcher;
  });
}
