// Every workflow the worker runs is exported from here; the bundler starts from this file.
export { bookingWorkflow } from './booking.workflow.ts';
export { remindersWorkflow } from './reminders.workflow.ts';
export { cancelBookingWorkflow } from './cancel-booking.workflow.ts';
export { rescheduleBookingWorkflow } from './reschedule-booking.workflow.ts';
export { callWorkflow } from './call.workflow.ts';
export { smsWorkflow } from './sms.workflow.ts';
export { noShowWorkflow } from './no-show.workflow.ts';
export { reviewRequestWorkflow } from './review-request.workflow.ts';
export { waitlistOfferWorkflow } from './waitlist-offer.workflow.ts';
export { outboundCallWorkflow } from './outbound-call.workflow.ts';
export { campaignWorkflow } from './campaign.workflow.ts';
export { crmSyncWorkflow } from './crm-sync.workflow.ts';
export { calendarReconcileWorkflow } from './calendar-reconcile.workflow.ts';
