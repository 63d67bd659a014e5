// Voice channel benchmark, on demand (not part of scripts/test.sh): the real backend, agent and
// worker processes on a database of their own, the agent's Claude brain pointed at a local
// Messages API that answers after a fixed delay, and many simulated callers whose webhooks are
// signed exactly as Twilio signs them. Prints, per concurrency level, the time our stack adds to a
// turn (webhook round trip minus the model's fixed delay) at p50/p99, turns per second, and the
// peak resident memory of each process.
//   scripts/bench-voice.sh [levels=10,100,500] [turns per call=3] [model delay ms=300]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startAnthropicStandIn, text } from '@receptionist/agent/test/anthropic-stand-in';
import { migrate, seedDemoTenant } from '@receptionist/db';
import { percentile as pct, simulatedCaller, startStackApps } from './bench-caller.ts';

const levels = (process.argv[2] ?? '10,100,500').split(',').map(Number);
const turnsPerCall = Number(process.argv[3] ?? 3);
const modelDelayMs = Number(process.argv[4] ?? 300);
const root = fileURLToPath(new URL('../../../', import.meta.url));

const adminUrl = process.env.DATABASE_ADMIN_URL!;
const dbName = `bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
await migrate(dbUrl);
const seedPool = new pg.Pool({ connectionString: dbUrl, max: 2 });
await seedDemoTenant(seedPool);
// No deposit and no transfer: every turn is one model call and one reply.
await seedPool.query('UPDATE tenants SET deposit_required = false');

const model = await startAnthropicStandIn(() => ({
  content: [text('We are open Monday to Friday 9 to 5, and Saturday 9 to 1.')],
  delayMs: modelDelayMs,
}));
const { procs, base } = await startStackApps({
  root,
  databaseUrl: dbUrl,
  poolMax: 40,
  runId: dbName,
  env: {
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_MAX_RETRIES: '0',
    ANTHROPIC_TIMEOUT_MS: '15000',
  },
  maxWaitMs: 60_000,
});

const rss = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

// The turn's time as our stack adds it: the round trip minus the model's fixed delay.
const simulatedCall = simulatedCaller({
  base,
  firstNumber: 2_000_000,
  turnsPerCall,
  line: () => 'What are your opening hours?',
});

const rows: string[] = [];
try {
  for (const level of levels) {
    const roundTrips: number[] = [];
    const counts = { holding: 0 };
    const peak: Record<string, number> = { backend: 0, agent: 0, worker: 0 };
    const sampler = setInterval(() => {
      for (const [name, p] of Object.entries(procs))
        peak[name] = Math.max(peak[name]!, rss(p.pid!));
    }, 100);
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: level }, () => simulatedCall(roundTrips, counts)),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const turnTimes = roundTrips.map((ms) => ms - modelDelayMs);
    const failed = results.filter((r) => r.status === 'rejected').length;
    // Where the time went, from the stored turns: the agent service's own time (minus the model)
    // and the backend's part of the hop (channel_latency_ms minus the agent's latency_ms).
    await new Promise((r) => setTimeout(r, 500));
    const hops = (
      await seedPool.query(
        `SELECT latency_ms - $1 AS agent, channel_latency_ms - latency_ms AS backend FROM messages
          WHERE role = 'agent' AND channel_latency_ms IS NOT NULL AND created_at > now() - make_interval(secs => $2)`,
        [modelDelayMs, seconds + 1],
      )
    ).rows as { agent: number; backend: number }[];
    const agentMs = hops.map((h) => h.agent);
    const backendMs = hops.map((h) => h.backend);
    rows.push(
      `| ${level} | ${turnTimes.length} | ${pct(turnTimes, 50).toFixed(0)} | ${pct(turnTimes, 99).toFixed(0)} | ${pct(backendMs, 50)} / ${pct(backendMs, 99)} | ${pct(agentMs, 50)} / ${pct(agentMs, 99)} | ${(turnTimes.length / seconds).toFixed(1)} | ${peak.backend!.toFixed(0)} | ${peak.agent!.toFixed(0)} | ${peak.worker!.toFixed(0)} | ${failed} calls failed, ${counts.holding} holding phrases |`,
    );
    process.stdout.write(`${rows.at(-1)}\n`);
  }
} finally {
  process.stdout.write(
    `\nmodel delay ${modelDelayMs} ms, ${turnsPerCall} turns per call, ${(await import('node:os')).cpus().length} cores\n` +
      '| concurrent calls | turns | added p50 ms | added p99 ms | backend hop p50 / p99 ms | agent (minus model) p50 / p99 ms | turns/s | backend MiB | agent MiB | worker MiB | errors |\n' +
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n' +
      `${rows.join('\n')}\n`,
  );
  for (const p of Object.values(procs)) p.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 3_000));
  await model.close();
  await seedPool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
