// The payments sandbox as its own process, the way the stack runs it: started on `env` and
// waited for until /health answers, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@receptionist/testing';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export async function startSandboxProcess(
  env: Record<string, string>,
  url: string,
): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(async () => (await fetch(`${url}/health`)).ok, 15_000, 'payments sandbox');
  return proc;
}

export const stopSandboxProcess = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
