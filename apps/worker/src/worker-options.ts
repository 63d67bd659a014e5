import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from '@temporalio/worker';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

/** Where workflow code comes from: the prebuilt bundle in production, the sources otherwise. */
export function workflowSource(
  bundlePath?: string,
): Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> {
  return bundlePath
    ? { workflowBundle: { codePath: bundlePath } }
    : { workflowsPath: WORKFLOWS_PATH };
}
