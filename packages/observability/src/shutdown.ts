import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from './logger.ts';

export interface ShutdownOptions {
  servers: Server[];
  logger: Logger;
  /** Closed in order after the servers stopped: workers first, pools last. */
  closers: { name: string; close: () => Promise<unknown> }[];
  timeoutMs?: number;
  exit?: (code: number) => void;
}

/**
 * Stops accepting, lets in-flight requests finish, then closes pools. If that takes longer than
 * the budget (10 s by default, inside Docker's and Kubernetes' grace periods) the process exits anyway.
 */
export function createShutdown(opts: ShutdownOptions): (code?: number) => Promise<void> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | undefined;
  // The first caller's code wins: a fatal error's 1 is not turned into 0 by a later SIGTERM.
  return (code = 0) => {
    running ??= (async () => {
      const budget = opts.timeoutMs ?? 10_000;
      const force = setTimeout(() => {
        opts.logger.error({ budget }, 'shutdown budget exceeded, exiting');
        exit(1);
      }, budget);
      force.unref();
      opts.logger.info('shutting down: no new connections, finishing in-flight requests');
      await Promise.all(
        opts.servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeIdleConnections();
            }),
        ),
      );
      for (const closer of opts.closers) {
        try {
          await closer.close();
        } catch (err) {
          opts.logger.warn({ err, closer: closer.name }, 'error while closing');
        }
      }
      clearTimeout(force);
      opts.logger.info('shutdown complete');
      exit(code);
    })();
    return running;
  };
}

export function onTerminate(shutdown: (code?: number) => Promise<void>): void {
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

export interface ListenOptions {
  app: (req: IncomingMessage, res: ServerResponse) => void;
  port: number;
  /** Loopback unless given: an internal service must be asked to face a network. */
  host?: string;
  onServer?: (server: Server) => void;
}

/** An HTTP server listening, and a log line saying where. */
export async function listenHttp(opts: ListenOptions, logger: Logger): Promise<Server> {
  const server = createServer(opts.app);
  // Longer than nginx's upstream keepalive so the proxy, not us, closes idle connections.
  server.keepAliveTimeout = 65_000;
  opts.onServer?.(server);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  logger.info({ port: opts.port, host }, 'listening');
  return server;
}

/** Listens, logs where, and wires SIGTERM/SIGINT to a graceful shutdown with the given closers. */
export async function serve(
  opts: ListenOptions & {
    logger: Logger;
    closers: ShutdownOptions['closers'];
    timeoutMs?: number;
  },
): Promise<{ server: Server; shutdown: (code?: number) => Promise<void> }> {
  const server = await listenHttp(opts, opts.logger);
  const shutdown = createShutdown({
    servers: [server],
    logger: opts.logger,
    closers: opts.closers,
    timeoutMs: opts.timeoutMs,
  });
  onTerminate(shutdown);
  return { server, shutdown };
}
