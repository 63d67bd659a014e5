// Batch mode of the terminal phone: many scripted calls from one process, for load and failover
// tests. The file has one JSON object per line: {"from", "script", "log", "atMs"}: the caller's
// number, the file of what they say (one line per turn, as --script), where the call's transcript
// goes, and when the call starts (ms after the batch starts). A call that fails writes its error
// as the log's last line; the batch itself always completes.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { voiceCall, type PhoneLine } from './phone-call.ts';

const batchCall = z.object({
  from: z.string().min(2).max(32),
  script: z.string().min(1).max(4096),
  log: z.string().min(1).max(4096),
  atMs: z.number().int().nonnegative().max(3_600_000).default(0),
});

export async function runBatch(file: string, line: PhoneLine): Promise<void> {
  const calls = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => batchCall.parse(JSON.parse(l)));
  const started = Date.now();
  await Promise.all(
    calls.map(async (c) => {
      const said = readFileSync(c.script, 'utf8').split('\n');
      if (said.at(-1) === '') said.pop();
      writeFileSync(c.log, '');
      const out = (who: string, text: string) =>
        appendFileSync(c.log, `${who.padEnd(8)} ${text}\n`);
      await new Promise((r) => setTimeout(r, Math.max(0, started + c.atMs - Date.now())));
      try {
        await voiceCall({
          ...line,
          from: c.from,
          out,
          nextLine: async () => {
            const next = said.shift();
            if (next !== undefined) out('you', next || '(silence)');
            return next ?? null;
          },
        });
      } catch (err) {
        appendFileSync(c.log, `${(err as Error).message}\n`);
      }
    }),
  );
}
