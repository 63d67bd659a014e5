// Whole-stack cost of a voice turn, on demand (not part of scripts/test.sh). The real backend,
// agent and worker processes run on a PostgreSQL cluster and a Redis server of their own (and a
// Temporal dev server of its own when the temporal CLI is found), so the CPU time read from
// /proc for each process tree is this run's work only. Simulated callers place calls through the
// signed Twilio webhooks: the incoming call, N speech turns, the completed status callback. The
// agent answers with its offline brain, so a turn's time is all ours.
// Prints CPU ms per turn per process and in total (the call's start and end are included and
// divided over its turns), turns/s, added p50/p99 and RSS idle and peak per process.
//   scripts/bench-stack.sh [calls=200] [concurrency=20] [turns per call=5] [pause between turns ms=0]
// BENCH_CPU_PROF=agent,backend writes V8 CPU profiles of those processes to .cache/profiles.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate, seedDemoTenant } from '@receptionist/db';
import { freePort, startPostgresServer, startRedisServer } from '@receptionist/testing';
import { percentile as pct, simulatedCaller, startStackApps } from './bench-caller.ts';

const calls = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 20);
const turnsPerCall = Number(process.argv[4] ?? 5);
const pauseMs = Number(process.argv[5] ?? 0);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

// --- /proc accounting -------------------------------------------------------------------------
function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const c = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (c) out.push(...c.split(' ').map(Number));
    }
  } catch {
    /* exited */
  }
  return out;
}
/** utime+stime of one process (all its threads), in ms; null once it exited. */
function ownCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the comm field
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}
function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]!));
  return all;
}
/**
 * CPU of a process and all its descendants. Postgres forks a backend per connection: the last
 * figure seen of each pid is kept, so a backend that exits during the run still counts (the
 * parent's cutime is not read, which would count it twice).
 */
class TreeMeter {
  private last = new Map<number, number>();
  readonly rootPid: number;
  constructor(rootPid: number) {
    this.rootPid = rootPid;
  }
  sample(): number {
    for (const pid of tree(this.rootPid)) {
      const ms = ownCpuMs(pid);
      if (ms !== null) this.last.set(pid, ms);
    }
    let sum = 0;
    for (const v of this.last.values()) sum += v;
    return sum;
  }
  /**
   * Resident memory: RSS of a single process; for a tree (PostgreSQL's backends share their
   * buffers) the sum of PSS, which counts shared pages once.
   */
  rssMiB(): number {
    const pids = tree(this.rootPid);
    const [file, field] = pids.length > 1 ? ['smaps_rollup', 'Pss'] : ['status', 'VmRSS'];
    let kib = 0;
    for (const pid of pids) {
      try {
        const text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
        kib += Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
      } catch {
        /* exited */
      }
    }
    return kib / 1024;
  }
}

function pidListeningOn(port: number): number {
  // The process whose title names the port: `postgres ... -p N ...`, `redis-server 127.0.0.1:N`.
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    const named = cmd.includes(` -p ${port} `) || cmd.trimEnd().endsWith(`127.0.0.1:${port}`);
    if (named && !cmd.includes('pg_ctl') && !cmd.includes('runuser')) return Number(d);
  }
  throw new Error(`no process found for port ${port}`);
}

function temporalCli(): string | null {
  for (const p of [process.env.TEMPORAL_CLI_PATH, `${root}.cache/bin/temporal`]) {
    if (p && existsSync(p)) return p;
  }
  const which = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

const progress = (what: string) => process.stderr.write(`bench: ${what}\n`);

// --- the stack --------------------------------------------------------------------------------
const postgres = await startPostgresServer();
const redis = await startRedisServer();
const adminUrl = postgres.url;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: '/bench' }).toString();
{
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
}
await migrate(dbUrl);
const seedPool = new pg.Pool({ connectionString: dbUrl, max: 2 });
await seedDemoTenant(seedPool);
// No deposit and no transfer: every turn is one reply.
await seedPool.query('UPDATE tenants SET deposit_required = false');
await seedPool.end();
progress('database ready');

let procs: Partial<Record<string, ChildProcess>> = {};
const profiled = new Set((process.env.BENCH_CPU_PROF ?? '').split(',').filter(Boolean));
const profileDir = `${root}.cache/profiles`;
let temporal: ChildProcess | null = null;
let temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
let temporalShared = true;
try {
  const cli = temporalCli();
  if (cli) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'bench-temporal-'));
    temporal = spawn(
      cli,
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--ui-port',
        String(await freePort()),
        '--db-filename',
        join(dir, 'temporal.db'),
        '--log-level',
        'error',
        '--namespace',
        'default',
      ],
      { stdio: 'ignore' },
    );
    temporalAddress = `127.0.0.1:${port}`;
    temporalShared = false;
    const { Connection } = await import('@temporalio/client');
    for (let i = 0; ; i++) {
      try {
        const c = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
        await c.workflowService.getSystemInfo({});
        await c.close();
        break;
      } catch (err) {
        if (i > 120) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  progress(`temporal ready at ${temporalAddress}`);
  if (profiled.size) mkdirSync(profileDir, { recursive: true });
  const stack = await startStackApps({
    root,
    databaseUrl: dbUrl,
    poolMax: 20,
    runId: randomBytes(4).toString('hex'),
    // The offline brain: no model call, so a turn's time is all ours.
    env: { REDIS_URL: redis.url, TEMPORAL_ADDRESS: temporalAddress, ANTHROPIC_API_KEY: '' },
    maxWaitMs: 120_000,
    flags: (app) =>
      profiled.has(app)
        ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${app}.cpuprofile`]
        : [],
  });
  procs = stack.procs;

  progress('backend, agent and worker ready');
  const meters: Record<string, TreeMeter> = {
    backend: new TreeMeter(procs.backend!.pid!),
    agent: new TreeMeter(procs.agent!.pid!),
    worker: new TreeMeter(procs.worker!.pid!),
    ...(temporal ? { temporal: new TreeMeter(temporal.pid!) } : {}),
    postgres: new TreeMeter(pidListeningOn(postgres.port)),
    redis: new TreeMeter(pidListeningOn(redis.port)),
  };

  // --- simulated callers ------------------------------------------------------------------------
  const LINES = [
    'What are your opening hours?',
    'How much is a cleaning?',
    'Do you take new patients?',
    'Where are you located?',
    'Thank you, that is all.',
  ];
  const simulatedCall = simulatedCaller({
    base: stack.base,
    firstNumber: 3_000_000,
    turnsPerCall,
    line: (t) => LINES[t % LINES.length]!,
    pauseMs,
  });
  const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

  {
    // A few calls first, so every process has loaded and compiled its hot paths.
    await Promise.all(Array.from({ length: 3 }, () => simulatedCall([], { holding: 0 })));
    await new Promise((r) => setTimeout(r, 1_000));
    progress('warmed up; measuring');
    const idleRss = Object.fromEntries(Object.entries(meters).map(([k, m]) => [k, m.rssMiB()]));
    const peakRss: Record<string, number> = { ...idleRss };
    const before = Object.fromEntries(Object.entries(meters).map(([k, m]) => [k, m.sample()]));
    const sampler = setInterval(() => {
      for (const [k, m] of Object.entries(meters)) {
        m.sample();
        peakRss[k] = Math.max(peakRss[k]!, m.rssMiB());
      }
    }, 250);
    const load0 = loadavg();
    const turnTimes: number[] = [];
    const counts = { holding: 0 };
    let failed = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(concurrency, calls) }, async () => {
        while (next < calls) {
          next += 1;
          await simulatedCall(turnTimes, counts).catch(() => (failed += 1));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // The end of a call (the workflow's last activities) may finish after the last webhook.
    await new Promise((r) => setTimeout(r, 2_000));
    clearInterval(sampler);
    const after = Object.fromEntries(Object.entries(meters).map(([k, m]) => [k, m.sample()]));
    const turns = turnTimes.length;
    const rows = Object.keys(meters).map((k) => {
      const ms = (after[k]! - before[k]!) / turns;
      return { k, ms, idle: idleRss[k]!, peak: peakRss[k]! };
    });
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const out = [
      `\n${calls} calls, ${concurrency} at a time, ${turnsPerCall} turns per call (start and end included), pause ${pauseMs} ms; ${cpus().length} cores, load average ${load0} before, ${loadavg()} after`,
      temporalShared
        ? `Temporal: the shared server at ${temporalAddress} (no temporal CLI found), not measured`
        : 'Temporal: a dev server of its own',
      `${turns} turns in ${seconds.toFixed(1)} s: ${(turns / seconds).toFixed(0)} turns/s, added p50 ${pct(turnTimes, 50).toFixed(1)} ms, p99 ${pct(turnTimes, 99).toFixed(1)} ms, ${failed} calls failed, ${counts.holding} holding phrases`,
      '',
      '| process | CPU ms per turn | RSS idle MiB | RSS peak MiB |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map(
        (r) => `| ${r.k} | ${r.ms.toFixed(2)} | ${r.idle.toFixed(0)} | ${r.peak.toFixed(0)} |`,
      ),
      `| **total** | **${total.toFixed(2)}** | | |`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }
} finally {
  // A graceful exit lets node write its --cpu-prof profile.
  for (const p of Object.values(procs)) p?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 3_000));
  temporal?.kill('SIGTERM');
  await redis.destroy();
  await postgres.destroy();
  if (profiled.size) process.stdout.write(`CPU profiles in ${profileDir}\n`);
}
