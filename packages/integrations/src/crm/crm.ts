// The CRM port, its HubSpot adapter and the signed outgoing webhook that carries the same events.
export * from './crm-port.ts';
export { createHubSpotCrm, type HubSpotCrmFactory } from './hubspot-crm.ts';
export {
  createSignedWebhookSender,
  signWebhook,
  type SignedWebhookSender,
  type WebhookEvent,
} from './signed-webhook.ts';
