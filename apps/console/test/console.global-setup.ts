// Before the browser tests: Debian's Chromium present (installed when missing, never downloaded
// from the internet) and the app built, so the backend serves exactly what production serves.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM_SH = fileURLToPath(new URL('../../../scripts/lib/chromium.sh', import.meta.url));

export default async function setup(): Promise<void> {
  execFileSync('bash', [CHROMIUM_SH], { stdio: 'inherit' });
  await build({
    root: ROOT,
    mode: 'production',
    logLevel: 'warn',
    configFile: `${ROOT}/vite.config.ts`,
  });
}
