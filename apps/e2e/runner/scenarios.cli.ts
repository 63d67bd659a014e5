// The scenario suite: callers and texters play real conversations through Twilio's webhooks to
// the backend, agent and worker, and the end state in Postgres decides each verdict.
//   node apps/e2e/runner/scenarios.cli.ts             the dev set
//   ... --held-out | --all                             the held-out set, or both
//   ... --filter <text> --category <name>              a subset (ids containing text)
//   ... --concurrency 6 --min-overall 95 --min-bookings 95 --counts-file <path>
//   ... --brain offline | claude-stand-in | claude   who reads the callers' words: the offline
//       rules (default), the Claude path against a local Messages API, or real Claude
//       (ANTHROPIC_API_KEY); the Claude runs print tokens and cost per call
// Needs PostgreSQL, Redis and Temporal: scripts/scenarios.sh brings them up and runs this.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCalendar, DAY_REFS, placeholdersIn, type BusinessHours } from './clock.ts';
import { formatFailures, formatSummary, summarise } from './report.ts';
import { runScenario, type ScenarioResult } from './run-scenario.ts';
import { CATEGORIES, type Scenario } from './scenario.types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCENARIOS_DIR = resolve(HERE, '../scenarios');
const REPO_ROOT = resolve(HERE, '../../..');

const { values: opts } = parseArgs({
  options: {
    'held-out': { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    filter: { type: 'string' },
    category: { type: 'string' },
    concurrency: { type: 'string', default: '6' },
    'min-overall': { type: 'string', default: '95' },
    'min-bookings': { type: 'string', default: '95' },
    'settle-ms': { type: 'string', default: '15000' },
    'grace-ms': { type: 'string', default: '2500' },
    'reply-timeout-ms': { type: 'string', default: '20000' },
    'agent-timeout-ms': { type: 'string', default: '8000' },
    'no-stripe': { type: 'boolean', default: false },
    'counts-file': { type: 'string' },
    report: { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    brain: { type: 'string', default: 'offline' },
  },
});

type Loaded = Scenario & { set: 'dev' | 'held-out' };

async function loadSet(set: 'dev' | 'held-out'): Promise<Loaded[]> {
  const dir = join(SCENARIOS_DIR, set);
  const out: Loaded[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.scenarios.ts'))
    .sort()) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { scenarios?: Scenario[] };
    if (!Array.isArray(mod.scenarios)) throw new Error(`${set}/${file} exports no scenarios`);
    out.push(...mod.scenarios.map((s) => ({ ...s, set })));
  }
  return out;
}

/** Fails fast on a scenario file mistake: duplicate ids, unknown categories or placeholders. */
function validate(all: Loaded[]): void {
  const ids = new Set<string>();
  for (const s of all) {
    if (ids.has(s.id)) throw new Error(`duplicate scenario id ${s.id}`);
    ids.add(s.id);
    if (!CATEGORIES.includes(s.category))
      throw new Error(`${s.id}: unknown category ${s.category}`);
    for (const l of s.lines)
      if (typeof l === 'string')
        for (const p of placeholdersIn(l))
          if (!DAY_REFS.includes(p as never))
            throw new Error(`${s.id}: unknown placeholder {${p}}`);
    if (s.lines.length === 0) throw new Error(`${s.id}: no lines`);
  }
}

async function pool<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

async function main(): Promise<number> {
  const setName = opts.all ? 'all' : opts['held-out'] ? 'held-out' : 'dev';
  const everything = [...(await loadSet('dev')), ...(await loadSet('held-out'))];
  validate(everything);
  let chosen = everything.filter((s) => setName === 'all' || s.set === setName);
  if (opts.filter) chosen = chosen.filter((s) => s.id.includes(opts.filter!));
  if (opts.category) chosen = chosen.filter((s) => s.category === opts.category);
  if (opts.list) {
    for (const c of CATEGORIES) {
      const dev = everything.filter((s) => s.category === c && s.set === 'dev').length;
      const held = everything.filter((s) => s.category === c && s.set === 'held-out').length;
      process.stdout.write(
        `${c.padEnd(18)} dev ${String(dev).padStart(3)}  held-out ${String(held).padStart(3)}\n`,
      );
    }
    process.stdout.write(
      `${'total'.padEnd(18)} dev ${String(everything.filter((s) => s.set === 'dev').length).padStart(3)}  held-out ${String(everything.filter((s) => s.set === 'held-out').length).padStart(3)}\n`,
    );
    return 0;
  }
  if (chosen.length === 0) throw new Error('no scenario matches');
  const concurrency = Math.max(1, Number(opts.concurrency));
  const startedAt = new Date();
  process.stdout.write(`starting the stack for ${chosen.length} scenarios (${setName} set)\n`);
  // Loaded here, not at the top: listing and validating need no backend, agent or worker.
  const { startScenarioStack } = await import('./scenario-stack.ts');
  const model = await modelFor(opts.brain);
  const env = await startScenarioStack({
    stripe: !opts['no-stripe'],
    agentTimeoutMs: Number(opts['agent-timeout-ms']),
    bookingWaitMs: 12_000,
    keepDatabase: opts['keep-db'],
    agentEnv: model.env,
  });
  let results: ScenarioResult[];
  let usageLine = '';
  try {
    const demo = await env.stack.tdb.pool.query(
      'SELECT timezone, business_hours FROM tenants WHERE id = $1',
      [env.stack.tenantId],
    );
    const cal = buildCalendar(
      new Date(),
      demo.rows[0].timezone,
      demo.rows[0].business_hours as BusinessHours,
    );
    const run = {
      ...env,
      cal,
      demoTenantId: env.stack.tenantId,
      settings: {
        settleMs: Number(opts['settle-ms']),
        graceMs: Number(opts['grace-ms']),
        replyTimeoutMs: Number(opts['reply-timeout-ms']),
      },
    };
    let done = 0;
    results = await pool(chosen, concurrency, async (s, i) => {
      const r = await runScenario(run, s, i);
      done += 1;
      process.stdout.write(
        `${r.passed ? 'pass' : 'FAIL'} ${String(done).padStart(3)}/${chosen.length} ${r.id} (${(r.durationMs / 1000).toFixed(1)} s)\n`,
      );
      return r;
    });
    if (opts.brain !== 'offline') usageLine = await modelUsage(env.stack.tdb.pool, chosen.length);
  } finally {
    await env.close();
    await model.close();
  }
  const summary = summarise(results, {
    set: setName,
    startedAt,
    concurrency,
    thresholds: { overall: Number(opts['min-overall']), bookings: Number(opts['min-bookings']) },
  });
  process.stdout.write(`${formatFailures(results)}\n${formatSummary(summary)}\n`);
  if (usageLine) process.stdout.write(`${usageLine}\n`);
  const dir = join(REPO_ROOT, '.cache', 'scenarios');
  mkdirSync(dir, { recursive: true });
  const reportPath =
    opts.report ?? join(dir, `${setName}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = JSON.stringify({ summary, results }, null, 2);
  writeFileSync(reportPath, json);
  writeFileSync(join(dir, 'latest.json'), json);
  process.stdout.write(`report: ${reportPath}\n`);
  const passed = results.filter((r) => r.passed).length;
  if (opts['counts-file'])
    writeFileSync(opts['counts-file'], `${passed} ${results.length - passed}\n`);
  process.stdout.write(`scenarios: ${passed} passed, ${results.length - passed} failed\n`);
  return summary.ok ? 0 : 1;
}

/** Who reads the callers' words: the Claude path needs a key and a Messages API. */
async function modelFor(
  brain: string | undefined,
): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  if (brain === 'claude-stand-in') {
    const { startModelStandIn } = await import('./model-stand-in.ts');
    const standIn = await startModelStandIn();
    return {
      env: { ANTHROPIC_API_KEY: 'sk-ant-stand-in', ANTHROPIC_BASE_URL: standIn.url },
      close: () => standIn.close(),
    };
  }
  if (brain === 'claude') {
    const key = process.env.ANTHROPIC_API_KEY;
    if (!key) throw new Error('--brain claude needs ANTHROPIC_API_KEY');
    const model = process.env.ANTHROPIC_MODEL;
    return {
      env: { ANTHROPIC_API_KEY: key, ...(model ? { ANTHROPIC_MODEL: model } : {}) },
      close: async () => undefined,
    };
  }
  if (brain !== 'offline') throw new Error(`unknown --brain ${brain}`);
  return { env: {}, close: async () => undefined };
}

/** Model tokens and cost per call, from what the agent stored with each reply. */
async function modelUsage(
  db: { query(sql: string): Promise<{ rows: Record<string, string>[] }> },
  calls: number,
): Promise<string> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE input_tokens > 0) AS turns, coalesce(sum(input_tokens), 0) AS input,
            coalesce(sum(output_tokens), 0) AS output, coalesce(sum(cost_micro_usd), 0) AS cost
       FROM messages WHERE role = 'agent'`,
  );
  const r = rows[0]!;
  const per = (v: string) => (Number(v) / Math.max(1, calls)).toFixed(0);
  return `model: ${r.turns} model turns; per call ${per(r.input!)} input and ${per(r.output!)} output tokens, $${(Number(r.cost) / 1e6 / Math.max(1, calls)).toFixed(4)}`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
