import type { Server } from 'node:http';
import { createLogger, type Logger, type LoggerSettings } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import {
  createShutdown,
  listenHttp,
  type ListenOptions,
  type ShutdownOptions,
} from './shutdown.ts';

type Closer = ShutdownOptions['closers'][number];

export interface ServiceProcess {
  logger: Logger;
  /**
   * Something to close on shutdown. Closed last-registered-first, after the HTTP servers stopped:
   * what was opened later (a Temporal worker, a cache on Redis) goes before what it uses (pools).
   */
  onShutdown(name: string, close: () => Promise<unknown>): void;
  /** Listens, logs where; the servers are the first thing shutdown stops. */
  listen(opts: ListenOptions): Promise<Server>;
  /** Graceful stop, once; exits with `code` (the first caller's) when everything closed. */
  shutdown(code?: number): Promise<void>;
  /** Logs a fatal error and shuts down with exit code 1. */
  fatal(err: unknown, msg?: string): Promise<void>;
}

export interface ServiceProcessOptions {
  service: string;
  level?: LoggerSettings['level'];
  /** The shutdown budget; past it the process exits 1 anyway. */
  timeoutMs?: number;
  /** Tests: read the log back, keep the test process alive, leave process events alone. */
  destination?: LoggerSettings['destination'];
  exit?: (code: number) => void;
  handleProcessEvents?: boolean;
}

/**
 * The start-up every service process shares: its logger, SIGTERM/SIGINT to a graceful shutdown
 * of what it registered, and an uncaught error logged and shut down (exit 1) instead of a bare crash.
 */
export function startServiceProcess(opts: ServiceProcessOptions): ServiceProcess {
  const logger = createLogger({
    service: opts.service,
    level: opts.level,
    destination: opts.destination,
  });
  const servers: Server[] = [];
  // Kept in closing order: newest first.
  const closers: Closer[] = [];
  const shutdown = createShutdown({
    servers,
    closers,
    logger,
    timeoutMs: opts.timeoutMs,
    exit: opts.exit,
  });
  const fatal = (err: unknown, msg = 'fatal error, shutting down') => {
    logger.fatal({ err }, msg);
    return shutdown(1);
  };
  if (opts.handleProcessEvents ?? true) {
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
    process.on('uncaughtException', (err) => void fatal(err, 'uncaught exception'));
    process.on('unhandledRejection', (err) => void fatal(err, 'unhandled rejection'));
  }
  return {
    logger,
    onShutdown: (name, close) => void closers.unshift({ name, close }),
    async listen(l) {
      const server = await listenHttp(l, logger);
      servers.push(server);
      return server;
    },
    shutdown,
    fatal,
  };
}

/** The settings every service's config has for its process (the config package's common ones). */
export interface ServiceProcessEnv {
  LOG_LEVEL: LoggerSettings['level'];
  SHUTDOWN_TIMEOUT_MS: number;
}

/** A service's process started from its config, with the service's metrics registry. */
export function startConfiguredService(
  service: string,
  env: ServiceProcessEnv,
): ServiceProcess & { metrics: Metrics } {
  const proc = startServiceProcess({
    service,
    level: env.LOG_LEVEL,
    timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  });
  return { ...proc, metrics: createMetrics(service) };
}
