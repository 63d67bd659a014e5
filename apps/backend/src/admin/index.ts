export { createAdminRouter, maskPhoneNumbersInUrl } from './admin.router.ts';
export type { AdminDeps } from './admin-deps.ts';
export {
  createBookingCommands,
  bookingWorkflowId,
  type BookingCommands,
  type BookingCommandOutcome,
} from './booking-commands.ts';
export type { KnowledgeIndex } from '@receptionist/integrations/pinecone-knowledge';
export { createFollowUpCommands, type FollowUpCommands } from './follow-up-commands.ts';
export { createReportSchedules, type ReportSchedules } from './report-schedules.ts';
export { adminRoutes } from './routes.ts';
export { createOutboundCommands, type OutboundCommands } from './outbound-commands.ts';
export { createCrmCommands, type CrmCommands } from './crm-commands.ts';
