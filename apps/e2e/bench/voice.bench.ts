// Voice channel benchmark, on demand (not part of scripts/test.sh): the real backend, agent and
// worker processes on a database of their own, the agent's Claude brain pointed at a local
// Messages API that answers after a fixed delay, and many simulated callers whose webhooks are
// signed exactly as Twilio signs them. Prints, per concurrency level, the time our stack adds to a
// turn (webhook round trip minus the model's fixed delay) at p50/p99, turns per second, and the
// peak resident memory of each process.
//   scripts/bench-voice.sh [levels=10,100,500] [turns per call=3] [model delay ms=300]
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import twilio from 'twilio';
import { startAnthropicStandIn, text } from '@receptionist/agent/test/anthropic-stand-in';
import { migrate, seedDemoTenant, DEMO_TENANT } from '@receptionist/db';
import { freePort } from '@receptionist/testing';

const levels = (process.argv[2] ?? '10,100,500').split(',').map(Number);
const turnsPerCall = Number(process.argv[3] ?? 3);
const modelDelayMs = Number(process.argv[4] ?? 300);
const token = 'bench-twilio-token';
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
const [backendPort, agentPort, workerPort] = [await freePort(), await freePort(), await freePort()];
const base = `http://127.0.0.1:${backendPort}`;
const env = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  DATABASE_URL: dbUrl,
  DATABASE_POOL_MAX: '40',
  REDIS_KEY_PREFIX: `bench:${dbName}:`,
  TEMPORAL_TASK_QUEUE: `bench-${dbName}`,
  PUBLIC_BASE_URL: base,
  TWILIO_AUTH_TOKEN: token,
  BACKEND_PORT: String(backendPort),
  AGENT_PORT: String(agentPort),
  WORKER_HTTP_PORT: String(workerPort),
  AGENT_URL: `http://127.0.0.1:${agentPort}`,
  AGENT_TIMEOUT_MS: '10000',
  ANTHROPIC_API_KEY: 'sk-ant-bench',
  ANTHROPIC_BASE_URL: model.url,
  ANTHROPIC_MAX_RETRIES: '0',
  ANTHROPIC_TIMEOUT_MS: '15000',
};
const procs: Record<string, ChildProcess> = {};
for (const app of ['backend', 'agent', 'worker']) {
  procs[app] = spawn(process.execPath, ['src/main.ts'], {
    cwd: `${root}apps/${app}`,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const ready = async (url: string) => {
  for (let i = 0; i < 300; i++) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never became ready`);
};
await Promise.all([
  ready(`${base}/ready`),
  ready(`http://127.0.0.1:${agentPort}/ready`),
  ready(`http://127.0.0.1:${workerPort}/ready`),
]);

const rss = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function post(path: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(token, `${base}${path}`, params),
    },
    body: new URLSearchParams(params),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${path}`);
  return body;
}

let callerSeq = 0;
async function simulatedCall(turnTimes: number[], fallbacks: { n: number }) {
  const n = callerSeq++;
  const params = {
    CallSid: `CA${randomBytes(16).toString('hex')}`,
    From: `+1415${String(2_000_000 + n).padStart(7, '0')}`,
    To: DEMO_TENANT.phoneNumber,
    AccountSid: `AC${'0'.repeat(32)}`,
  };
  await post('/twilio/voice', { ...params, CallStatus: 'ringing' });
  for (let t = 0; t < turnsPerCall; t++) {
    const started = performance.now();
    const twiml = await post('/twilio/voice/turn', {
      ...params,
      CallStatus: 'in-progress',
      SpeechResult: 'What are your opening hours?',
      Confidence: '0.91',
    });
    turnTimes.push(performance.now() - started - modelDelayMs);
    if (twiml.includes('<Redirect')) fallbacks.n += 1;
  }
  await post('/twilio/voice/status', { ...params, CallStatus: 'completed', CallDuration: '30' });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const rows: string[] = [];
try {
  for (const level of levels) {
    const turnTimes: number[] = [];
    const fallbacks = { n: 0 };
    const peak: Record<string, number> = { backend: 0, agent: 0, worker: 0 };
    const sampler = setInterval(() => {
      for (const [name, p] of Object.entries(procs))
        peak[name] = Math.max(peak[name]!, rss(p.pid!));
    }, 100);
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: level }, () => simulatedCall(turnTimes, fallbacks)),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
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
      `| ${level} | ${turnTimes.length} | ${pct(turnTimes, 50).toFixed(0)} | ${pct(turnTimes, 99).toFixed(0)} | ${pct(backendMs, 50)} / ${pct(backendMs, 99)} | ${pct(agentMs, 50)} / ${pct(agentMs, 99)} | ${(turnTimes.length / seconds).toFixed(1)} | ${peak.backend!.toFixed(0)} | ${peak.agent!.toFixed(0)} | ${peak.worker!.toFixed(0)} | ${failed} calls failed, ${fallbacks.n} holding phrases |`,
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
