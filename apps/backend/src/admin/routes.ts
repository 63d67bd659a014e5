import { apiKeyRoutes } from './api-keys.routes.ts';
import { bookingRoutes } from './bookings.routes.ts';
import { campaignRoutes } from './campaigns.routes.ts';
import { crmRoutes } from './crm.routes.ts';
import { callRoutes } from './calls.routes.ts';
import { contactRoutes } from './contacts.routes.ts';
import { conversationRoutes } from './conversations.routes.ts';
import { escalationRoutes } from './escalations.routes.ts';
import { inviteRoutes } from './invites.routes.ts';
import { followUpRoutes } from './follow-ups.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { knowledgeRoutes } from './knowledge.routes.ts';
import { knowledgeIngestRoutes } from './knowledge-ingest.routes.ts';
import type { AdminRoute } from './route-table.ts';
import { statsRoutes } from './stats.routes.ts';
import { tenantRoutes } from './tenants.routes.ts';
import { waitlistRoutes } from './waitlist.routes.ts';

/** Every admin operation. The router, the OpenAPI document and the authorization tests read this. */
export const adminRoutes: AdminRoute[] = [
  ...tenantRoutes,
  ...knowledgeRoutes,
  ...knowledgeIngestRoutes,
  ...callRoutes,
  ...conversationRoutes,
  ...contactRoutes,
  ...bookingRoutes,
  ...escalationRoutes,
  ...followUpRoutes,
  ...reportRoutes,
  ...statsRoutes,
  ...campaignRoutes,
  ...crmRoutes,
  ...apiKeyRoutes,
  ...waitlistRoutes,
  ...inviteRoutes,
];
