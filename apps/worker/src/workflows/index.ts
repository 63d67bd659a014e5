// Every workflow the worker runs is exported from here; the bundler starts from this file.
export { callWorkflow } from './call.workflow.ts';
export { smsWorkflow } from './sms.workflow.ts';
