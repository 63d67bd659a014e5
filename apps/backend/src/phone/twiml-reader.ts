import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The verbs of a TwiML document, in order, the way Twilio executes them. */
export type Verb =
  | { verb: 'Say'; text: string; voice?: string; language?: string }
  | {
      verb: 'Gather';
      action: string;
      input: string;
      speechTimeout?: string;
      language?: string;
      hints?: string;
      actionOnEmptyResult?: string;
      says: string[];
    }
  | { verb: 'Redirect'; url: string }
  | { verb: 'Pause'; length: number }
  | { verb: 'Hangup' }
  | {
      verb: 'Dial';
      action?: string;
      timeout?: number;
      callerId?: string;
      number: string;
      whisperUrl?: string;
    }
  | { verb: 'Connect'; action?: string; relayUrl?: string; welcomeGreeting?: string };

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

function tagOf(node: Node): string {
  return Object.keys(node).find((k) => k !== ':@')!;
}

function textOf(children: Node[]): string {
  return children
    .map((c) => (typeof c['#text'] === 'string' ? c['#text'] : ''))
    .join('')
    .trim();
}

/** Parses and checks a TwiML answer; throws when it is not well-formed `<Response>` XML. */
export function readTwiml(xml: string): Verb[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid TwiML: ${valid.err.msg}`);
  const doc = parser.parse(xml) as Node[];
  const response = doc.find((n) => tagOf(n) === 'Response');
  if (!response) throw new Error('invalid TwiML: no <Response>');
  const verbs: Verb[] = [];
  for (const node of response.Response as Node[]) {
    const tag = tagOf(node);
    const attrs = node[':@'] ?? {};
    const children = (node[tag] as Node[]) ?? [];
    switch (tag) {
      case 'Say':
        verbs.push({
          verb: 'Say',
          text: textOf(children),
          voice: attrs.voice,
          language: attrs.language,
        });
        break;
      case 'Gather':
        verbs.push({
          verb: 'Gather',
          action: attrs.action ?? '',
          input: attrs.input ?? 'dtmf',
          speechTimeout: attrs.speechTimeout,
          language: attrs.language,
          hints: attrs.hints,
          actionOnEmptyResult: attrs.actionOnEmptyResult,
          says: children.filter((c) => tagOf(c) === 'Say').map((c) => textOf(c.Say as Node[])),
        });
        break;
      case 'Redirect':
        verbs.push({ verb: 'Redirect', url: textOf(children) });
        break;
      case 'Pause':
        verbs.push({ verb: 'Pause', length: Number(attrs.length ?? 1) });
        break;
      case 'Hangup':
        verbs.push({ verb: 'Hangup' });
        break;
      case 'Dial': {
        const num = children.find((c) => tagOf(c) === 'Number');
        verbs.push({
          verb: 'Dial',
          action: attrs.action,
          timeout: attrs.timeout ? Number(attrs.timeout) : undefined,
          callerId: attrs.callerId,
          number: num ? textOf(num.Number as Node[]) : textOf(children),
          whisperUrl: num?.[':@']?.url,
        });
        break;
      }
      case 'Connect': {
        const relay = children.find((c) => tagOf(c) === 'ConversationRelay');
        verbs.push({
          verb: 'Connect',
          action: attrs.action,
          relayUrl: relay?.[':@']?.url,
          welcomeGreeting: relay?.[':@']?.welcomeGreeting,
        });
        break;
      }
      default:
        throw new Error(`unsupported TwiML verb <${tag}>`);
    }
  }
  return verbs;
}
