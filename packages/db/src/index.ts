export {
  createPool,
  pingDb,
  withCalendarLock,
  withTransaction,
  type Db,
  type DbClient,
  type Queryable,
} from './pool.ts';
export { migrate, MIGRATIONS_DIR } from './migrate.ts';
export {
  createBestEffortCache,
  createRedis,
  pingRedis,
  type BestEffortCache,
  type Redis,
} from './redis.ts';
export * from './repositories/pagination.ts';
export * from './repositories/tenants.repository.ts';
export * from './repositories/contacts.repository.ts';
export * from './repositories/calls.repository.ts';
export * from './repositories/bookings.repository.ts';
export * from './repositories/webhook-events.repository.ts';
export { seedDemoTenant, DEMO_TENANT } from './seed.ts';
export * from './repositories/api-keys.repository.ts';
export * from './repositories/audit-log.repository.ts';
export * from './repositories/tenant-profiles.repository.ts';
export * from './repositories/tenant-secrets.repository.ts';
export * from './repositories/knowledge.repository.ts';
export * from './repositories/knowledge-source.repository.ts';
export * from './repositories/call-history.repository.ts';
export * from './repositories/escalations.repository.ts';
export * from './repositories/contact-directory.repository.ts';
export * from './repositories/stats.repository.ts';
export * from './repositories/outbound-messages.repository.ts';
export * from './repositories/staff-notifications.repository.ts';
export * from './repositories/payments.repository.ts';
export * from './repositories/booking-lifecycle.repository.ts';
export * from './repositories/booking-history.repository.ts';
export * from './repositories/transcripts.repository.ts';
export * from './repositories/conversation-turns.repository.ts';
export * from './repositories/live-calls.repository.ts';
export * from './repositories/console-invites.repository.ts';
export * from './limits/limits.ts';
export * from './repositories/follow-ups.repository.ts';
export * from './repositories/waitlist.repository.ts';
export * from './repositories/outbound-calls.repository.ts';
export * from './repositories/crm-sync.repository.ts';
export * from './repositories/calendar-reconcile.repository.ts';
export * from './repositories/call-analyses.repository.ts';
export * from './repositories/reports.repository.ts';
export * from './repositories/contact-erasure.repository.ts';
export * from './repositories/retention.repository.ts';
