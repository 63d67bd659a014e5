// Every workflow the worker runs is exported from here; the bundler starts from this file.
export { bookingWorkflow } from './booking.workflow.ts';
export { remindersWorkflow } from './reminders.workflow.ts';
export { cancelBookingWorkflow } from './cancel-booking.workflow.ts';
export { rescheduleBookingWorkflow } from './reschedule-booking.workflow.ts';
export { callWorkflow } from './call.workflow.ts';
export { smsWorkflow } from './sms.workflow.ts';
export { leadFollowUpWorkflow } from './lead-follow-up.workflow.ts';
export { escalationFollowUpWorkflow } from './escalation-follow-up.workflow.ts';
export { callAnalysisWorkflow } from './call-analysis.workflow.ts';
export { tenantReportWorkflow } from './tenant-report.workflow.ts';
export { contactErasureWorkflow } from './contact-erasure.workflow.ts';
export { retentionWorkflow } from './retention.workflow.ts';
