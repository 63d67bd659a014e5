import express, { type Router } from 'express';
import { turnReportSchema, turnRequestSchema, type TurnStreamEvent } from '@receptionist/domain';
import { HttpError, type Logger } from '@receptionist/observability';
import { ConversationBusyError } from '../turn/conversation-lock.ts';
import type { TurnService } from '../turn/turn.service.ts';

const SPOKEN_FAILURE = "I'm sorry, I'm having trouble right now. Please hold on a moment.";

function busy(err: unknown): never {
  if (err instanceof ConversationBusyError)
    throw new HttpError(409, 'conversation_busy', err.message);
  throw err;
}

/**
 * POST /v1/turns (JSON TurnResponse), POST /v1/turns/stream (server-sent TurnStreamEvents) and
 * POST /v1/turns/report (what the channel knows of a turn afterwards; 204).
 */
export function turnsRouter(deps: { turns: TurnService; logger: Logger }): Router {
  const router = express.Router();
  router.use(express.json({ limit: '32kb' }));

  router.post('/v1/turns', async (req, res) => {
    const body = turnRequestSchema.parse(req.body);
    const abort = new AbortController();
    // Without a turn id nobody can come back for this answer, so a client that stops waiting
    // cancels the model call. With one, the turn runs to its end: the retry the channel sends
    // (a Twilio Redirect, an activity retry) then gets this answer instead of starting over.
    if (!body.turnId)
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
    try {
      const response = await deps.turns.runTurn(body, { signal: abort.signal });
      res.json(response);
    } catch (err) {
      if (abort.signal.aborted) {
        deps.logger.info('turn cancelled: the client stopped waiting');
        return;
      }
      busy(err);
    }
  });

  router.post('/v1/turns/report', async (req, res) => {
    const body = turnReportSchema.parse(req.body);
    try {
      await deps.turns.report(body);
    } catch (err) {
      busy(err);
    }
    res.status(204).end();
  });

  router.post('/v1/turns/stream', async (req, res) => {
    const body = turnRequestSchema.parse(req.body);
    const abort = new AbortController();
    // The caller barged in or hung up: stop the model mid-sentence.
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    const send = (e: TurnStreamEvent) => {
      if (!res.writableEnded && !abort.signal.aborted) res.write(`data: ${JSON.stringify(e)}\n\n`);
    };
    try {
      const response = await deps.turns.runTurn(body, {
        signal: abort.signal,
        onDelta: (text) => text && send({ type: 'delta', text }),
      });
      send({ type: 'done', response });
    } catch (err) {
      if (!abort.signal.aborted) {
        deps.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'streamed turn failed',
        );
        send({
          type: 'error',
          message: err instanceof ConversationBusyError ? 'conversation_busy' : SPOKEN_FAILURE,
        });
      }
    } finally {
      res.end();
    }
  });
  return router;
}
