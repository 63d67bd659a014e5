import type { Server } from 'node:net';
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { listLiveCalls, tenantExists, type Db } from '@receptionist/db';
import { HttpError, type Logger } from '@receptionist/observability';
import { authenticate, authorize } from '../admin/auth.middleware.ts';
import type { AdminRoute } from '../admin/route-table.ts';

/** The bounds of the live stream; tests shorten the tick and the lifetime. */
export interface LiveLimits {
  /** How often the stream looks for new turns. */
  tickMs: number;
  /** A stream ends after this long; the browser's EventSource reconnects by itself. */
  maxStreamMs: number;
  perTenant: number;
  total: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  tickMs: 1_000,
  maxStreamMs: 10 * 60_000,
  perTenant: 5,
  total: 200,
};

const MAX_CALLS = 20;
const MAX_MESSAGES = 500;
const MAX_TEXT = 2_000;
const HEARTBEAT_MS = 15_000;

const params = z.object({ tenantId: z.uuid() });
// Scope as an admin read: viewers may watch, another business's id answers 404.
const access = { access: 'tenant' } as unknown as AdminRoute;

/**
 * Live calls for the console as server-sent events: `calls` (the calls in progress, whenever that
 * set changes) and `turn` (each new transcript line once). The stream polls the database each
 * tick rather than listening to the voice relay, so it works whichever backend process holds the
 * call's socket. Connections are counted per business and in all, and each ends after a while.
 */
export function createLiveRouter(deps: {
  db: Db;
  logger: Logger;
  limits?: Partial<LiveLimits>;
}): express.Router {
  const limits = { ...DEFAULT_LIVE_LIMITS, ...deps.limits };
  const open = new Map<string, number>();
  let total = 0;

  const handler: RequestHandler = async (req, res) => {
    const p = params.safeParse(req.params);
    if (!p.success || !(await tenantExists(deps.db, p.data.tenantId))) {
      throw new HttpError(404, 'not_found', 'tenant not found');
    }
    const tenantId = p.data.tenantId;
    if ((open.get(tenantId) ?? 0) >= limits.perTenant || total >= limits.total) {
      res.setHeader('Retry-After', '10');
      throw new HttpError(429, 'too_many_streams', 'too many live views open');
    }
    open.set(tenantId, (open.get(tenantId) ?? 0) + 1);
    total++;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write(`retry: 3000\n\n`);
    const send = (event: string, data: unknown) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

    const server = (req.socket as unknown as { server?: Server }).server;
    const sent = new Set<string>();
    let callsKey = '';
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const lifetime = setTimeout(() => stop(), limits.maxStreamMs);
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      total--;
      open.set(tenantId, (open.get(tenantId) ?? 1) - 1);
      if ((open.get(tenantId) ?? 0) <= 0) open.delete(tenantId);
      res.end();
    };
    req.on('close', stop);

    const tick = async () => {
      try {
        const live = await listLiveCalls(deps.db, tenantId, {
          maxCalls: MAX_CALLS,
          maxMessages: MAX_MESSAGES,
        });
        if (stopped) return;
        const calls = live.calls.map((c) => ({
          id: c.id,
          callSid: c.callSid,
          fromNumber: c.fromNumber,
          status: c.status,
          startedAt: c.startedAt,
        }));
        const key = calls.map((c) => `${c.id}:${c.status}`).join(',');
        if (key !== callsKey) {
          callsKey = key;
          send('calls', calls);
        }
        const current = new Set<string>();
        for (const m of live.messages) {
          current.add(m.id);
          if (sent.has(m.id) || m.role === 'system') continue;
          sent.add(m.id);
          send('turn', {
            id: m.id,
            callSid: m.callSid,
            role: m.role,
            agent: m.agent,
            text: m.text.slice(0, MAX_TEXT),
            latencyMs: m.latencyMs,
            createdAt: m.createdAt,
          });
        }
        // Forget the turns of calls that ended, so the set stays as small as the live calls.
        for (const id of sent) if (!current.has(id)) sent.delete(id);
      } catch (err) {
        deps.logger.warn({ err: (err as Error).message }, 'live stream read failed');
      }
      // A graceful shutdown stops accepting (listening turns false) and waits for open requests:
      // end the stream then, so the process does not wait out its shutdown budget.
      if (server && !server.listening) stop();
      if (!stopped) timer = setTimeout(() => void tick(), limits.tickMs);
    };
    await tick();
  };

  const router = express.Router({ mergeParams: true });
  router.get('/tenants/:tenantId/live', authenticate(deps), authorize(access), handler);
  return router;
}
