import type { Db, Redis } from '@receptionist/db';
import type { Logger } from '@receptionist/observability';
import { createChannelActivities, type ChannelActivityDeps } from './channel.activities.ts';

export interface ActivityDeps {
  db: Db;
  redis: Redis;
  logger: Logger;
  /** The Twilio channel's sender, agent client and breakers (call and SMS workflows). */
  channel?: Omit<ChannelActivityDeps, 'db' | 'logger'>;
}

/** Activities are plain functions closed over their dependencies; workflows see their types only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...(deps.channel ? createChannelActivities({ ...deps, ...deps.channel }) : {}),
  };
}

export type Activities = ReturnType<typeof createActivities>;
