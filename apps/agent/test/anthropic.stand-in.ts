import type { ServerResponse } from 'node:http';
import { startStandIn, type RecordedRequest } from '@receptionist/testing';

/**
 * A local Messages API: plays scripted replies (text and tool_use blocks), as JSON or as the SSE
 * event sequence the real API streams, and records every request the real SDK sent it.
 */
export type ScriptedBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input: Record<string, unknown> };

export interface ScriptedReply {
  content: ScriptedBlock[];
  /** Milliseconds before the reply starts (or, when streaming, between text chunks). */
  delayMs?: number;
  /** Stream the first chunk, then hold the connection open until the client goes away. */
  hang?: boolean;
  /** Token counts to report instead of the fixed ones (a script that estimates real sizes). */
  usage?: { input_tokens: number; output_tokens: number };
  status?: number;
}

export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system: { type: string; text: string; cache_control?: unknown }[];
  tools: { name: string; input_schema: Record<string, unknown>; cache_control?: unknown }[];
  tool_choice?: { type: string };
  messages: { role: string; content: string | Record<string, unknown>[] }[];
}

export type Script = (body: MessagesRequestBody, index: number) => ScriptedReply;

const USAGE = { input_tokens: 120, cache_creation_input_tokens: 0, cache_read_input_tokens: 900 };

export async function startAnthropicStandIn(script: Script) {
  const bodies: MessagesRequestBody[] = [];
  const closedEarly: number[] = [];
  let n = 0;
  const standIn = await startStandIn(async (req: RecordedRequest, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.path.startsWith('/v1/messages')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(req.body) as MessagesRequestBody;
    const index = n++;
    bodies.push(body);
    const reply = script(body, index);
    if (reply.status) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'overloaded_error', message: 'Overloaded' },
        }),
      );
      return;
    }
    res.on('close', () => {
      if (!res.writableFinished) closedEarly.push(index);
    });
    const blocks = reply.content.map((b, i) =>
      b.type === 'text' ? b : { ...b, id: `toolu_${index}_${i}` },
    );
    const stopReason = blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
    const outputTokens = reply.usage?.output_tokens ?? 40;
    const usage = reply.usage
      ? {
          input_tokens: reply.usage.input_tokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        }
      : USAGE;
    const message = {
      id: `msg_${index}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      stop_sequence: null,
    };
    const wait = (ms = reply.delayMs ?? 0) => new Promise((r) => setTimeout(r, ms));
    if (!body.stream) {
      await wait();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ...message,
          content: blocks,
          stop_reason: stopReason,
          usage: { ...usage, output_tokens: outputTokens },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (event: string, data: unknown) =>
      res.write(
        `event: ${event}\ndata: ${JSON.stringify({ type: event, ...(data as object) })}\n\n`,
      );
    send('message_start', {
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    for (const [i, b] of blocks.entries()) {
      if (b.type === 'text') {
        send('content_block_start', { index: i, content_block: { type: 'text', text: '' } });
        const chunks = b.text.match(/\S+\s*/g) ?? [b.text];
        for (const [c, chunk] of chunks.entries()) {
          send('content_block_delta', { index: i, delta: { type: 'text_delta', text: chunk } });
          if (reply.hang && c === 0) return; // the client must abort; the connection stays open
          await wait();
        }
      } else {
        send('content_block_start', {
          index: i,
          content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} },
        });
        send('content_block_delta', {
          index: i,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) },
        });
      }
      send('content_block_stop', { index: i });
    }
    send('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: outputTokens },
    });
    send('message_stop', {});
    res.end();
  });
  return {
    url: standIn.url,
    bodies,
    closedEarly,
    close: () => standIn.close(),
  };
}

/** The tool_result blocks of the latest user message, parsed. */
export function toolResults(
  body: MessagesRequestBody,
): { name?: string; content: unknown; is_error?: boolean }[] {
  const last = body.messages.at(-1);
  if (!last || typeof last.content === 'string') return [];
  return last.content
    .filter((c) => c.type === 'tool_result')
    .map((c) => ({
      content: JSON.parse(c.content as string),
      is_error: c.is_error as boolean | undefined,
    }));
}

export const text = (t: string): ScriptedBlock => ({ type: 'text', text: t });
export const toolUse = (name: string, input: Record<string, unknown> = {}): ScriptedBlock => ({
  type: 'tool_use',
  name,
  input,
});
