// The terminal phone: plays Twilio against a running local stack. It places a call (or sends
// texts) to the demo business, signs every request exactly as Twilio does, follows the TwiML it
// gets back as Twilio would, prints what the agent says and sends what you type as speech.
// Texts to the caller's number (the Checkout link of a deposit, the confirmation) are printed as
// they land, during the call and after it.
//   scripts/call.sh                       a voice call, interactive
//   scripts/call.sh --sms                 texting, interactive
//   scripts/call.sh --script file.txt     lines of the file are what the caller says (blank = silence)
//   phone.cli.ts --batch calls.jsonl      many scripted calls at once (see phone-batch.ts)
// Type digits prefixed with "press " (e.g. "press 1") to use the keypad.
import { readFileSync } from 'node:fs';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import { parseArgs } from 'node:util';
import { watchOutbox, type OutboxText } from './outbox-watch.ts';
import { runBatch } from './phone-batch.ts';
import { sendText, voiceCall, type PhoneLine } from './phone-call.ts';

const { values: opts } = parseArgs({
  options: {
    sms: { type: 'boolean', default: false },
    script: { type: 'string' },
    to: { type: 'string', default: '+14155550100' },
    from: { type: 'string', default: '+14155550123' },
    url: { type: 'string', default: process.env.BACKEND_URL ?? 'http://localhost:3000' },
    'public-url': {
      type: 'string',
      default: process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
    },
    token: { type: 'string', default: process.env.TWILIO_AUTH_TOKEN ?? 'local-dev-twilio-token' },
    'staff-answers': { type: 'boolean', default: false },
    batch: { type: 'string' },
  },
});

const publicBase = opts['public-url'].replace(/\/+$/, '');
const backend = opts.url.replace(/\/+$/, '');
const databaseUrl =
  process.env.DATABASE_URL ?? 'postgres://receptionist:receptionist@127.0.0.1:55432/receptionist';

// Input: the script's lines, or the keyboard.
const scriptLines = opts.script ? readFileSync(opts.script, 'utf8').split('\n') : null;
if (scriptLines && scriptLines.at(-1) === '') scriptLines.pop();
const rl =
  scriptLines || opts.batch
    ? null
    : createInterface({ input: process.stdin, output: process.stdout });
let rlClosed = false;
rl?.once('close', () => (rlClosed = true));
let asking = false;

/** Prints a line; a prompt waiting for the caller's words is drawn again below it. */
function out(who: string, text: string) {
  const redraw = asking && rl && process.stdout.isTTY;
  if (redraw) {
    clearLine(process.stdout, 0);
    cursorTo(process.stdout, 0);
  }
  process.stdout.write(`${who.padEnd(8)} ${text}\n`);
  if (redraw) rl.prompt(true);
}

async function nextLine(prompt: string): Promise<string | null> {
  if (scriptLines) {
    const line = scriptLines.shift();
    if (line === undefined) return null;
    out('you', line || '(silence)');
    return line;
  }
  if (!rl || rlClosed) return null;
  return new Promise((resolve) => {
    const onLine = (line: string) => finish(line);
    const onClose = () => finish(null);
    const finish = (v: string | null) => {
      asking = false;
      rl.off('line', onLine);
      rl.off('close', onClose);
      resolve(v);
    };
    rl.once('line', onLine);
    rl.once('close', onClose);
    asking = true;
    rl.setPrompt(`${prompt} `);
    rl.prompt();
  });
}

const showText = (t: OutboxText) =>
  out('sms', `${t.body}${t.status === 'skipped_opted_out' ? '  [not sent: opted out]' : ''}`);
const hasLink = (texts: OutboxText[]) => texts.some((t) => t.body.includes('http'));

const line: PhoneLine = {
  backend,
  publicBase,
  token: opts.token,
  from: opts.from,
  to: opts.to,
  staffAnswers: opts['staff-answers'],
  out,
  nextLine,
};

async function smsSession(inbox: Awaited<ReturnType<typeof watchOutbox>>): Promise<void> {
  out('phone', `texting ${opts.to} from ${opts.from}`);
  for (;;) {
    const body = await nextLine('text>');
    if (body === null) break;
    if (!body.trim()) continue;
    const before = inbox.texts.length;
    await sendText(line, body);
    // The reply before the next line; later texts (a Checkout link) show whenever they land.
    await inbox.until((t) => t.length > before, 15_000);
  }
}

if (opts.batch) {
  // Many scripted calls at once, each written to its own log; the process ends when all have.
  await runBatch(opts.batch, { ...line, out: () => undefined, nextLine: async () => null });
  process.exit(0);
}

const inbox = await watchOutbox({ databaseUrl, to: opts.from, onText: showText });
try {
  if (opts.sms) await smsSession(inbox);
  else {
    await voiceCall(line);
    // Texts sent as the call ends (a link, a summary) still belong to this call.
    await inbox.until((t) => t.length > 0, 6_000);
  }
  if (rl && !rlClosed && hasLink(inbox.texts)) {
    // A Checkout link was texted: stay up so the confirmation shows once it is paid.
    out('phone', 'texts keep arriving here (pay at the link to see the confirmation); Enter quits');
    await nextLine('');
  }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  rl?.close();
  await inbox.stop();
}
