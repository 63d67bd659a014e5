// Checks an installed image tree (argv: root app). Node strips types only outside node_modules,
// so every workspace package must resolve to a real path outside it.
import { existsSync, readFileSync, realpathSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [root, app] = process.argv.slice(2);
const appDir = join(root, 'apps', app);
const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
const problems = [];

for (const dep of Object.keys(pkg.dependencies ?? {})) {
  const dir = join(appDir, 'node_modules', dep);
  if (!existsSync(join(dir, 'package.json'))) {
    problems.push(`${dep} not installed`);
    continue;
  }
  if (dep.startsWith('@receptionist/')) {
    const real = realpathSync(dir);
    if (real.split('/').includes('node_modules'))
      problems.push(`${dep} resolves under node_modules: ${real}`);
  }
}
for (const dep of Object.keys(pkg.devDependencies ?? {})) {
  if (existsSync(join(appDir, 'node_modules', dep)))
    problems.push(`dev dependency ${dep} installed`);
}
const store = readdirSync(join(root, 'node_modules', '.pnpm'));
for (const tool of ['vitest@', 'eslint@', 'typescript@', 'prettier@', 'supertest@']) {
  if (store.some((e) => e.startsWith(tool)))
    problems.push(`${tool.slice(0, -1)} in the virtual store`);
}
if (app === 'worker' && !store.some((e) => e.startsWith('@temporalio+core-bridge@')))
  problems.push('core-bridge missing');
if (app !== 'worker' && store.some((e) => e.startsWith('@temporalio+core-bridge@')))
  problems.push('core-bridge in a non-worker image');

for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
