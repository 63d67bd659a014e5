import type { Db, Redis } from '@receptionist/db';
import type { Logger } from '@receptionist/observability';

export interface ActivityDeps {
  db: Db;
  redis: Redis;
  logger: Logger;
}

/** Activities are plain functions closed over their dependencies; workflows see their types only. */
export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
