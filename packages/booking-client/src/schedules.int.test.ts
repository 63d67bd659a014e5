// Saves of one schedule arriving together, on the real Temporal dev server (TEMPORAL_ADDRESS):
// whatever the interleaving, every save succeeds and the schedule ends as the last one wanted.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { createScheduleIfAbsent, removeSchedule, upsertSchedule } from './schedules.ts';

let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  client = new Client({ connection });
});
afterAll(async () => {
  await connection?.close();
});

const id = () => `schedules-test-${randomBytes(4).toString('hex')}`;
const options = (scheduleId: string, hour: number) => ({
  scheduleId,
  spec: { calendars: [{ hour, minute: 0 }] },
  action: {
    type: 'startWorkflow' as const,
    workflowType: 'noSuchWorkflow',
    workflowId: scheduleId,
    taskQueue: 'schedules-test',
    args: [],
  },
  // Paused: a schedule of this test must never start a run on the shared dev server.
  state: { paused: true },
});
const exists = (scheduleId: string) =>
  client.schedule
    .getHandle(scheduleId)
    .describe()
    .then(
      () => true,
      (err: unknown) => {
        if (err instanceof ScheduleNotFoundError) return false;
        throw err;
      },
    );

describe('schedules', () => {
  it('two concurrent creates both succeed and leave one schedule', async () => {
    const scheduleId = id();
    await Promise.all([
      createScheduleIfAbsent(client, options(scheduleId, 9)),
      createScheduleIfAbsent(client, options(scheduleId, 9)),
    ]);
    expect(await exists(scheduleId)).toBe(true);
    await removeSchedule(client, scheduleId);
    await removeSchedule(client, scheduleId); // gone already: as good
    expect(await exists(scheduleId)).toBe(false);
  });

  it('concurrent upserts, creates and removes never fail, and a last upsert wins', async () => {
    const scheduleId = id();
    for (let round = 0; round < 8; round++) {
      const ops = [
        () => upsertSchedule(client, options(scheduleId, 7)),
        () => upsertSchedule(client, options(scheduleId, 8)),
        () => createScheduleIfAbsent(client, options(scheduleId, 9)),
        () => removeSchedule(client, scheduleId),
      ];
      // Two at a time, as a double-clicked save does, in a different pairing each round.
      await Promise.all([ops[round % 4]!(), ops[(round + 1 + (round >> 2)) % 4]!()]);
    }
    await upsertSchedule(client, options(scheduleId, 18));
    const described = await client.schedule.getHandle(scheduleId).describe();
    expect(described.spec.calendars?.[0]?.hour).toEqual([{ start: 18, end: 18, step: 1 }]);
    await removeSchedule(client, scheduleId);
  });
});
