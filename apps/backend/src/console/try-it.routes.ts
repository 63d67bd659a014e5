import express, { type RequestHandler } from 'express';
import type { AgentClient } from '@receptionist/integrations/agent';
import { knowledgeEntriesByIds, tenantExists, type Db } from '@receptionist/db';
import { HttpError, type Logger } from '@receptionist/observability';
import { authenticate, authorize } from '../admin/auth.middleware.ts';
import type { AdminRoute } from '../admin/route-table.ts';
import { z } from '../admin/schemas.ts';

/**
 * "Try it": staff text the business's own receptionist from the console before a real caller
 * does. A text turn (channel 'sms') to the agent service, on a conversation of the console's own
 * (`console:<id>`), from a fictional number (555-01xx is reserved for fiction in the NANP).
 */
export const TRY_IT_CALLER = '+15555550142';

/** What the console shows of an answer's sources: a few entries, by their (shortened) question. */
const MAX_SOURCES = 5;
const SOURCE_CHARS = 200;

const params = z.object({ tenantId: z.uuid() });
const body = z
  .strictObject({
    conversationId: z.uuid(),
    text: z.string().trim().min(1).max(1_000),
  })
  .openapi('TryItTurn');
const reply = z
  .object({
    reply: z.string(),
    agent: z.string(),
    actions: z.array(z.unknown()),
    latencyMs: z.number().nullable(),
    usage: z.unknown(),
    sources: z
      .array(z.object({ id: z.uuid(), question: z.string().max(SOURCE_CHARS) }))
      .max(MAX_SOURCES)
      .describe("the business's knowledge entries the answer came from"),
  })
  .openapi('TryItReply');

/**
 * The operation as the OpenAPI document lists it (under the console's session, /console/api);
 * served by the router below, not by the admin route table.
 */
export const tryItOperation: AdminRoute = {
  operationId: 'tryItTurn',
  method: 'post',
  path: '/tenants/{tenantId}/try-it/turns',
  summary: "One text turn with the business's receptionist, to test a change before a caller does",
  tag: 'console',
  access: 'tenant',
  write: true,
  params,
  body,
  status: 200,
  response: reply,
  errors: [503],
  handler: () => Promise.reject(new Error('served by createTryItRouter')),
};

// Scope and role as an admin write: a business key naming another business gets 404, a viewer 403.
const access = { access: 'tenant', write: true } as unknown as AdminRoute;

export function createTryItRouter(deps: {
  db: Db;
  logger: Logger;
  agent: AgentClient | undefined;
}): express.Router {
  const router = express.Router({ mergeParams: true });
  const handler: RequestHandler = async (req, res) => {
    const p = params.safeParse(req.params);
    if (!p.success || !(await tenantExists(deps.db, p.data.tenantId))) {
      throw new HttpError(404, 'not_found', 'tenant not found');
    }
    const b = body.safeParse(req.body);
    if (!b.success) {
      throw new HttpError(
        400,
        'validation_failed',
        'the request is invalid',
        b.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
      );
    }
    if (!deps.agent) throw new HttpError(503, 'agent_unavailable', 'no agent service configured');
    const reply = await deps.agent.turn({
      tenantId: p.data.tenantId,
      conversationId: `console:${b.data.conversationId}`,
      channel: 'sms',
      text: b.data.text,
      callerPhone: TRY_IT_CALLER,
    });
    if (!reply) throw new HttpError(503, 'agent_unavailable', 'the receptionist did not answer');
    // The agent names entries by id; only this business's own are shown, by their question.
    const entries = await knowledgeEntriesByIds(
      deps.db,
      p.data.tenantId,
      (reply.sources ?? []).slice(0, MAX_SOURCES),
    );
    res.json({
      reply: reply.reply,
      agent: reply.agent,
      actions: reply.actions,
      latencyMs: reply.latencyMs,
      usage: reply.usage,
      sources: entries.map((e) => ({ id: e.id, question: e.question.slice(0, SOURCE_CHARS) })),
    });
  };
  router.post(
    '/tenants/:tenantId/try-it/turns',
    authenticate(deps),
    authorize(access),
    express.json({ limit: 8_192, strict: true }),
    handler,
  );
  return router;
}
