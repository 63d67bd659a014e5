// A local Messages API for the scenario suite's Claude path: it answers every request with the
// record_commands tool call a model would make, so the agent's whole Claude path (prompt, the real
// SDK, the forced tool, parsing, usage and cost) drives the same flows as on a real key. Its
// reading of the caller's words is scripted by the offline reader, fed only what the request
// itself carries (the caller's last words, the situation and the business profile): it measures
// the path, not a model's judgement, which the same suite measures against real Claude with a key.
import { startAnthropicStandIn, toolUse } from '@receptionist/agent/test/anthropic-stand-in';
import { expectations, understandOffline } from '@receptionist/agent/understand-offline';

interface Body {
  system: { text: string }[];
  messages: { role: string; content: string }[];
}

const EXPECTATIONS = new Set<string>(expectations);

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
  // The agent's own scripted Messages API (JSON and SSE replies, real usage fields); only the
  // script is ours: the commands a model would record for the request's last words.
  const api = await startAnthropicStandIn((body) => {
    const understood = understandOffline(readRequest(body as Body));
    // About four characters a token: the figures the suite prints estimate a real request's size.
    return {
      content: [toolUse('record_commands', understood)],
      usage: {
        input_tokens: Math.ceil(JSON.stringify(body).length / 4),
        output_tokens: Math.ceil(JSON.stringify(understood).length / 4),
      },
    };
  });
  return { url: api.url, calls: () => api.bodies.length, close: () => api.close() };
}
