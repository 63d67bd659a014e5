// Bundles workflow code ahead of time so a production worker starts without webpack.
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from './worker-options.ts';

const out = new URL('../dist/workflow-bundle.js', import.meta.url);
const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
writeFileSync(out, code);
process.stdout.write(
  `workflow bundle written to ${out.pathname} (${(code.length / 1024).toFixed(0)} KiB)\n`,
);
