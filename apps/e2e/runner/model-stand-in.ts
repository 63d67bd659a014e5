// A local Messages API for the scenario suite's Claude path: it answers every request with the
// record_commands tool call a model would make, so the agent's whole Claude path (prompt, the real
// SDK, the forced tool, parsing, usage and cost) drives the same flows as on a real key. Its
// reading of the caller's words is scripted by the offline reader, fed only what the request
// itself carries (the caller's last words, the situation and the business profile): it measures
// the path, not a model's judgement, which the same suite measures against real Claude with a key.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { understandOffline } from '@receptionist/agent/understand-offline';

interface Body {
  system: { text: string }[];
  messages: { role: string; content: string }[];
}

const EXPECTATIONS = new Set([
  'service',
  'when',
  'choice',
  'name',
  'confirm',
  'returning',
  'message',
  'anything_else',
  'handoff_offer',
  'book_offer',
  'code',
]);

/** What the agent told the model, read back from its prompt. */
export function readRequest(body: Body) {
  const system = body.system.map((s) => s.text).join('\n');
  const situation = body.system.at(-1)?.text ?? '';
  const now = /\((\d{4}-\d\d-\d\dT[\d:.]+Z), timezone ([\w/+-]+)\)/.exec(situation);
  const lang = /Conversation language so far: (en|fr|es)\./.exec(situation)?.[1] as
    'en' | 'fr' | 'es' | undefined;
  const expecting = /The receptionist just asked for: (\w+)\./.exec(situation)?.[1];
  const offers = [...situation.matchAll(/\((\d{4}-\d\d-\d\dT[\d:.]+Z)\)/g)].map((m) => m[1]!);
  const services = (/^Services: (.*)\.$/m.exec(system)?.[1] ?? '')
    .split('; ')
    .map((s) => s.replace(/ \(.*$/, ''))
    .filter(Boolean);
  const digits = /Keypad digits pressed: ([0-9*#]+)\./.exec(situation)?.[1];
  const last = body.messages.at(-1);
  const text = typeof last?.content === 'string' ? (last.content.split('\n').at(-1) ?? '') : '';
  return {
    text: text === '(silence)' ? '' : text,
    digits,
    services,
    timezone: now?.[2] ?? 'UTC',
    now: new Date(now?.[1] ?? Date.now()),
    language: lang ?? 'en',
    allowedLanguages: ['en', 'fr', 'es'] as ('en' | 'fr' | 'es')[],
    expecting: expecting && EXPECTATIONS.has(expecting) ? (expecting as never) : null,
    offers,
    history: [],
  };
}

export async function startModelStandIn(): Promise<{
  url: string;
  calls: () => number;
  close(): Promise<void>;
}> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res.writeHead(404).end();
        return;
      }
      calls++;
      const body = JSON.parse(raw) as Body;
      const input = readRequest(body);
      const understood = understandOffline(input);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `msg_${calls}`,
          type: 'message',
          role: 'assistant',
          model: 'stand-in',
          content: [
            { type: 'tool_use', id: `toolu_${calls}`, name: 'record_commands', input: understood },
          ],
          stop_reason: 'tool_use',
          stop_sequence: null,
          usage: {
            input_tokens: Math.ceil(raw.length / 4),
            output_tokens: Math.ceil(JSON.stringify(understood).length / 4),
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
