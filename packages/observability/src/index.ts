export { createLogger, maskEmail, maskPhone, type Logger, type LoggerSettings } from './logger.ts';
export {
  BUDGET_EXCEEDED_METRIC,
  budgetExceededCounter,
  createMetrics,
  type Metrics,
} from './metrics.ts';
export {
  currentRequestId,
  propagationHeaders,
  runWithRequestId,
  REQUEST_ID_HEADER,
} from './request-context.ts';
export { createShutdown, onTerminate, serve, type ShutdownOptions } from './shutdown.ts';
export { HttpError, errorBody, errorHandler, notFoundHandler } from './errors.ts';
