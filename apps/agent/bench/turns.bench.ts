// The agent service's own cost per turn, with the model replaced by an instant local Messages API:
// HTTP, validation, the Redis lock and hot context, the graph, the checkpoint, the stored messages.
// Run with the local services up: `pnpm --filter @receptionist/agent bench`.
import type { AddressInfo } from 'node:net';
import { loadAgentConfig } from '@receptionist/config';
import { createLogger, createMetrics } from '@receptionist/observability';
import { createApp } from '../src/app.ts';
import { createBuiltinBookingGateway } from '../test/builtin-booking.gateway.ts';
import { createAgentRuntime } from '../src/runtime.ts';
import { startAnthropicStandIn, toolUse } from '../test/anthropic.stand-in.ts';
import { scratchServices } from './scratch-services.ts';

const TURNS = [
  'How much does a cleaning cost?',
  'Do you take insurance?',
  'Where are you located?',
  "Thanks, that's all",
];
const LEVELS = [1, 10, 100];
const ROUNDS_PER_CONVERSATION = 2; // each conversation says the four lines twice: 8 turns

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(brain: 'claude' | 'offline') {
  const s = await scratchServices();
  // One model call per turn: the commands the model records for each of the four lines.
  const model = await startAnthropicStandIn((body) => {
    const said = JSON.stringify(body.messages.at(-1));
    const commands = said.includes("that's all")
      ? [{ type: 'goodbye' }]
      : [{ type: 'knowledge', question: said.slice(1, 120) }];
    return { content: [toolUse('record_commands', { commands })] };
  });
  const config = loadAgentConfig({
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    DATABASE_POOL_MAX: '30',
    ...(brain === 'claude' ? { ANTHROPIC_API_KEY: 'sk-bench', ANTHROPIC_BASE_URL: model.url } : {}),
  });
  const logger = createLogger({ service: 'agent', level: 'silent' });
  const metrics = createMetrics('agent');
  // No worker runs here (and no turn books): the built-in gateway stands in for the workflow.
  const bookings = createBuiltinBookingGateway({ db: s.db });
  const runtime = await createAgentRuntime({
    config,
    logger,
    metrics,
    db: s.db,
    redis: s.redis,
    bookings,
  });
  const app = createApp({
    config,
    logger,
    metrics,
    db: s.db,
    redis: s.redis,
    temporalHealth: async () => undefined,
    turns: runtime.turns,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/turns`;

  const turn = async (conversationId: string, line: string) => {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenantId: s.tenantId,
        conversationId,
        channel: 'voice',
        text: line,
        callerPhone: '+14155550123',
      }),
    });
    if (res.status !== 200) throw new Error(`turn failed: ${res.status} ${await res.text()}`);
    await res.json();
    return performance.now() - started;
  };

  await turn('warmup', TURNS[0]!);
  const rows: string[] = [];
  for (const conversations of LEVELS) {
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: conversations }, async (_, c) => {
        for (let r = 0; r < ROUNDS_PER_CONVERSATION; r++)
          for (const line of TURNS)
            latencies.push(await turn(`bench-${brain}-${conversations}-${c}`, line));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    rows.push(
      `| ${brain} | ${conversations} | ${latencies.length} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${(latencies.length / seconds).toFixed(0)} | ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} |`,
    );
  }
  server.close();
  await model.close();
  await s.close();
  return rows;
}

const rows = [...(await run('claude')), ...(await run('offline'))];
console.log('| brain | concurrent conversations | turns | p50 ms | p99 ms | turns/s | RSS MiB |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
process.exit(0);
