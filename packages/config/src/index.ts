export { ConfigError, parseEnv, loadOrExit, type Env } from './load.ts';
export { commonSchema, type CommonConfig } from './common.ts';
export { backendSchema, loadBackendConfig, type BackendConfig } from './backend.config.ts';
export {
  agentSchema,
  exportTracingEnv,
  loadAgentConfig,
  type AgentConfig,
} from './agent.config.ts';
export { workerSchema, loadWorkerConfig, type WorkerConfig } from './worker.config.ts';
export {
  paymentsSandboxSchema,
  loadPaymentsSandboxConfig,
  type PaymentsSandboxConfig,
} from './payments-sandbox.config.ts';
