// Last resort for machines with internet but no temporal CLI: @temporalio/testing downloads the
// dev server itself. Runs until killed, on the same address scripts/services.sh would use.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../apps/worker/package.json', import.meta.url));
const { TestWorkflowEnvironment } = require('@temporalio/testing');

const port = Number(process.env.TEMPORAL_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const env = await TestWorkflowEnvironment.createLocal({
  server: { ip: '127.0.0.1', port, ui: true, uiPort, namespace: 'default' },
});
process.stdout.write(
  `temporal dev server (downloaded by @temporalio/testing) on 127.0.0.1:${port}\n`,
);
const stop = async () => {
  await env.teardown();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
setInterval(() => undefined, 1 << 30);
