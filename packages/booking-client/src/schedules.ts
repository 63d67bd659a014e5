/**
 * The one way the product creates, moves and removes its Temporal Schedules. Saves of the same
 * setting can arrive together (two tabs, a double click), so every step takes the other
 * request's effect as its own: "already exists" on create, "not found" on delete. A schedule
 * being deleted while another request describes it fails the describe with a plain
 * ServiceError; the whole upsert is then tried again, a few times, before the error stands.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ServiceError,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';

const UPSERT_ATTEMPTS = 3;

/** Creates the Schedule unless one with its id exists; an existing one is left as it is. */
export async function createScheduleIfAbsent(
  client: Client,
  options: ScheduleOptions,
): Promise<void> {
  // No describe first: it would query the scheduler, racing a concurrent delete and waiting
  // on a scheduler that has only just started.
  try {
    await client.schedule.create(options);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}

/** Moves an existing Schedule to `spec` and `action`, or creates it with `options`. */
export async function upsertSchedule(client: Client, options: ScheduleOptions): Promise<void> {
  const handle = client.schedule.getHandle(options.scheduleId);
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= UPSERT_ATTEMPTS;
    try {
      await handle.update((prev) => ({ ...prev, spec: options.spec, action: options.action }));
      return;
    } catch (err) {
      if (err instanceof ServiceError && !last) continue; // describe raced a delete
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    try {
      await client.schedule.create(options);
      return;
    } catch (err) {
      // Created by a concurrent save since the update found none: update that one.
      if (!(err instanceof ScheduleAlreadyRunning) || last) throw err;
    }
  }
}

/** Removes the Schedule; one already gone is as good. */
export async function removeSchedule(client: Client, scheduleId: string): Promise<void> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
}
