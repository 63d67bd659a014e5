export {
  createPool,
  pingDb,
  withTransaction,
  type Db,
  type DbClient,
  type Queryable,
} from './pool.ts';
export { migrate, MIGRATIONS_DIR } from './migrate.ts';
export { createRedis, pingRedis, type Redis } from './redis.ts';
export * from './repositories/pagination.ts';
export * from './repositories/tenants.repository.ts';
export * from './repositories/contacts.repository.ts';
export * from './repositories/calls.repository.ts';
export * from './repositories/bookings.repository.ts';
export * from './repositories/webhook-events.repository.ts';
export { seedDemoTenant, DEMO_TENANT } from './seed.ts';
export * from './repositories/transcripts.repository.ts';
export * from './repositories/sms-outbox.repository.ts';
