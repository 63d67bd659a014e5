import type { KnowledgeIngestCommands } from './knowledge-ingest-commands.ts';
import type { BackendConfig } from '@receptionist/config';
import type { Db, Redis } from '@receptionist/db';
import type { Logger } from '@receptionist/observability';
import type { BookingCommands } from './booking-commands.ts';
import type { FollowUpCommands } from './follow-up-commands.ts';
import type { ReportSchedules } from './report-schedules.ts';
import type { KnowledgeIndex } from '@receptionist/integrations/pinecone-knowledge';
import type { OutboundCommands } from './outbound-commands.ts';
import type { CrmCommands } from './crm-commands.ts';

export interface AdminDeps {
  config: BackendConfig;
  logger: Logger;
  db: Db;
  redis: Redis;
  bookingCommands: BookingCommands;
  /** null when no external index is configured: the built-in full-text search is the index. */
  knowledgeIndex: KnowledgeIndex | null;
  /** Starts and cancels outbound campaigns; absent, those routes answer 503. */
  outboundCalls?: OutboundCommands;
  /** The CRM sync's Schedule and backfill; absent, those routes answer 503. */
  crmSync?: CrmCommands;
  /** Starts document ingests and reads their progress; absent, those routes answer 503. */
  knowledgeIngest?: KnowledgeIngestCommands;
  /** Signals to the follow-up workflows; absent, the workflows notice from the database. */
  followUps?: FollowUpCommands;
  /** The reports' Temporal Schedules; absent, report settings cannot be changed (503). */
  reportSchedules?: ReportSchedules;
}
