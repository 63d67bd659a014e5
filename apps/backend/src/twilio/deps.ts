import type { BackendConfig } from '@receptionist/config';
import type { Db, Limits, Redis } from '@receptionist/db';
import type { TenantProfiles } from '@receptionist/db/tenant-profiles';
import type { AgentClient } from '@receptionist/integrations/agent';
import type { Logger, Metrics } from '@receptionist/observability';
import type { ChannelWorkflows } from './channel-workflows.ts';
import type { OutboundCallSignals } from './outbound-call.routes.ts';

export interface TwilioDeps {
  config: BackendConfig;
  logger: Logger;
  db: Db;
  redis: Redis;
  /** The process's tenant profile cache; absent, each webhook reads the profile from Postgres. */
  tenants?: Pick<TenantProfiles, 'get'>;
  agent: AgentClient;
  workflows: ChannelWorkflows;
  /** Signals to the outbound call workflows; absent, their callbacks are acknowledged only. */
  outbound?: OutboundCallSignals;
  /** Budgets and rates; absent, counted on `redis` with the refusals reported to `metrics`. */
  limits?: Limits;
  metrics?: Metrics;
}
