import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowBundle } from './harness.ts';

// Histories recorded from real runs on the dev server (RECORD_HISTORIES=1 scripts/test.sh
// booking.int, or call.int and call-end.timeskip for the call workflow's):
// replaying them against today's workflow code fails when a change breaks determinism, which is
// what would crash the bookings in flight. Such a change goes behind patched().
const dir = new URL('./histories/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('workflow determinism', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('replays every recorded booking and call history with the current workflow code', async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // Installed already by another test in this process.
    }
    const bundle = await workflowBundle();
    const histories = files.map((f) => ({
      // <scenario>--<workflow id>.json: replay needs the id the history was recorded under.
      workflowId: f.replace(/\.json$/, '').split('--')[1]!,
      history: historyFromJSON(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))),
    }));
    const failures: string[] = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, histories))
      if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
    expect(failures).toEqual([]);
  }, 60_000);
});
