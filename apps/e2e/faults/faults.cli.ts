// The fault suite: the whole product on services of its own, many simulated calls and text
// threads at once, and one fault at a time while they talk. After each fault it checks that no
// call was ended by it, no webhook answered 5xx or empty TwiML, no booking was made twice, no
// text was sent twice or left unanswered, no turn is missing from a transcript, and that /ready
// (and for the model, the breaker) went red and back. Prints one table row per fault.
//   scripts/fault-suite.sh [--short]      (FAULTS_CALLS, FAULTS_TEXTS override the counts)
import { writeFileSync } from 'node:fs';
import { DEMO_TENANT } from '@receptionist/db';
import { simulatedCall, simulatedTexts, type CallRecord } from './fault-callers.ts';
import { checkData, startProbes } from './fault-checks.ts';
import { AUTH_TOKEN, startFaultStack, waitFor, type App, type FaultStack } from './fault-stack.ts';

const short = process.argv.includes('--short');
const CALLS = Number(process.env.FAULTS_CALLS ?? (short ? 20 : 100));
const TEXTS = Number(process.env.FAULTS_TEXTS ?? (short ? 4 : 20));
const AWAY_MS = short ? 10_000 : 30_000;
const only = process.env.FAULTS_ONLY?.split(',');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fault {
  name: string;
  /** How long the fault lasts (calls are spread over it). */
  awayMs: number;
  apply(s: FaultStack): Promise<void>;
  heal(s: FaultStack): Promise<void>;
  model?: boolean;
}
const kill = (app: App): Fault => ({
  name: `kill -9 ${app}, restart`,
  awayMs: 1_000,
  apply: async (s) => s.kill(app),
  heal: (s) => s.start(app),
});
const FAULTS: Fault[] = [
  {
    name: `Redis restart (down ${short ? 3 : 10} s)`,
    awayMs: short ? 3_000 : 10_000,
    apply: (s) => s.stopRedis(),
    heal: (s) => s.servicesUp(),
  },
  {
    name: 'PostgreSQL restart',
    awayMs: 2_000,
    apply: (s) => s.stopPostgres(),
    heal: (s) => s.servicesUp(),
  },
  kill('worker'),
  kill('agent'),
  kill('backend'),
  {
    name: `Temporal stopped ${AWAY_MS / 1000} s`,
    awayMs: AWAY_MS,
    apply: (s) => s.stopTemporal(),
    heal: (s) => s.servicesUp(),
  },
  {
    name: `model 500 for ${AWAY_MS / 1000} s`,
    awayMs: AWAY_MS,
    model: true,
    apply: async (s) => s.setModel('error'),
    heal: async (s) => s.setModel('ok'),
  },
  {
    name: `model time-out for ${AWAY_MS / 1000} s`,
    awayMs: AWAY_MS,
    model: true,
    apply: async (s) => s.setModel('timeout'),
    heal: async (s) => s.setModel('ok'),
  },
];

// Each booking call asks for a time no other call asks for: "the 14th at 10 am", weekdays ahead.
function bookingSlots(): string[] {
  const slots: string[] = [];
  const hours = ['9 am', '10 am', '11 am', '1 pm', '2 pm', '3 pm', '4 pm'];
  const nth = (n: number) =>
    `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
  for (let d = 2; d <= 27; d++) {
    const day = new Date(Date.now() + d * 86_400_000);
    const dow = new Intl.DateTimeFormat('en-US', {
      timeZone: DEMO_TENANT.timezone,
      weekday: 'short',
    }).format(day);
    if (dow === 'Sat' || dow === 'Sun') continue;
    const dom = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: DEMO_TENANT.timezone, day: 'numeric' }).format(
        day,
      ),
    );
    for (const h of hours) slots.push(`the ${nth(dom)} at ${h}`);
  }
  return slots;
}
const slots = bookingSlots();
const NAMES = ['maria lopez', 'dave chen', 'sam taylor', 'priya patel', 'alex kim', 'jo brown'];
const FAQ = [
  'what are your opening hours',
  'do you take insurance',
  'where are you located',
  'how much is a cleaning',
];
let phoneSeq = 0;
const nextPhone = () => `+1415${String(3_000_000 + phoneSeq++).padStart(7, '0')}`;
const pause = () => 800 + Math.random() * 1_200;

interface Row {
  fault: string;
  calls: number;
  affected: number;
  retried: number;
  dropped: number;
  handedOver: number;
  failures: number;
  bookings: string;
  doubled: number;
  lost: number;
  smsDoubled: number;
  ready: string;
  breaker: string;
  recoveryS: string;
  ok: boolean;
  notes: string[];
}

async function runFault(s: FaultStack, fault: Fault): Promise<Row> {
  const probes = startProbes(s.readyUrls, s.agentMetricsUrl);
  const since = new Date();
  const spreadMs = Math.max(6_000, fault.awayMs + 4_000);
  const bookers = Math.max(1, Math.round(CALLS / 10));
  const calls = Array.from({ length: CALLS }, async (_, i) => {
    await sleep((i / CALLS) * spreadMs);
    const booking = i % Math.ceil(CALLS / bookers) === 0 && slots.length > 0;
    const lines = booking
      ? [
          `hi this is ${NAMES[i % NAMES.length]} i need a cleaning on ${slots.shift()}`,
          "yes that's right",
          "no that's all thanks",
        ]
      : [...FAQ, "no that's all thanks"];
    return simulatedCall({
      base: s.base,
      token: AUTH_TOKEN,
      from: nextPhone(),
      to: DEMO_TENANT.phoneNumber,
      lines,
      booking,
      pauseMs: pause,
    });
  });
  const texts = Array.from({ length: TEXTS }, async (_, i) => {
    await sleep((i / TEXTS) * spreadMs);
    return simulatedTexts({
      base: s.base,
      token: AUTH_TOKEN,
      pool: s.pool,
      tenantId: s.tenantId,
      from: nextPhone(),
      to: DEMO_TENANT.phoneNumber,
      lines: ['what are your opening hours', 'how much is teeth whitening'],
      replyTimeoutMs: fault.awayMs + 45_000,
      pauseMs: pause,
    });
  });
  await sleep(2_500);
  const faultAt = Date.now();
  await fault.apply(s);
  await sleep(fault.awayMs);
  await fault.heal(s);
  const healedAt = Date.now();
  // Recovered: every /ready green again and, for the model, its breaker closed; bounded.
  let recoveredAt = healedAt;
  const recovered = await waitFor(async () => {
    if (probes.red().length) return false;
    if (fault.model && probes.breakerState() !== 0) {
      // Only a call that succeeds closes a half-open breaker: keep one caller talking.
      void simulatedCall({
        base: s.base,
        token: AUTH_TOKEN,
        from: nextPhone(),
        to: DEMO_TENANT.phoneNumber,
        lines: ['what are your opening hours'],
        booking: false,
        pauseMs: () => 0,
      });
      await sleep(1_000);
      return false;
    }
    return true;
  }, 90_000)
    .then(() => true)
    .catch(() => false);
  recoveredAt = Date.now();
  const [callRecs, textRecs] = [await Promise.all(calls), await Promise.all(texts)];
  await sleep(1_500);
  probes.stop();
  const data = await checkData(s.pool, s.tenantId, callRecs, textRecs, since);
  const affected = callRecs.filter(
    (c: CallRecord) => c.startedAt <= recoveredAt && c.endedAt >= faultAt,
  );
  const failures = callRecs.reduce((n, c) => n + c.failures.length, 0);
  const dropped = callRecs.filter((c) => c.end === 'dropped').length;
  const handedOver = callRecs.filter((c) => c.end === 'transferred').length;
  const lost = data.turnsLost + textRecs.reduce((n, t) => n + t.lost.length, 0);
  const bookers2 = callRecs.filter((c) => c.booking).length;
  const notes = [
    ...data.lostTurns.slice(0, 3).map((t) => `turn missing from the transcript: ${t}`),
    ...textRecs.flatMap((t) => t.lost.map((m) => `text never answered: ${m}`)),
    ...new Set(callRecs.flatMap((c) => c.failures.map((f) => f.slice(0, 60)))),
    ...callRecs
      .filter((c) => c.end !== 'completed')
      .slice(0, 3)
      .map((c) => `${c.end}: "${c.replies.at(-1)?.slice(0, 90)}"`),
  ];
  const breaker = fault.model
    ? `${probes.breakerOpened ? 'opened' : 'never opened'}, ${probes.breakerState() === 0 ? 'closed' : 'not closed'}`
    : '';
  const back = probes.redAndBack();
  const ready = back.length ? `${back.join(', ')} red, back` : 'stayed green';
  const ok =
    recovered &&
    dropped === 0 &&
    failures === 0 &&
    data.bookingsDoubled === 0 &&
    lost === 0 &&
    data.smsDoubled === 0 &&
    (!fault.model || (probes.breakerOpened && probes.breakerState() === 0));
  return {
    fault: fault.name,
    calls: callRecs.length,
    affected: affected.length,
    retried:
      callRecs.reduce((n, c) => n + c.retries, 0) + textRecs.reduce((n, t) => n + t.retried, 0),
    dropped,
    handedOver,
    failures,
    bookings: `${data.bookingsConfirmed}/${bookers2}`,
    doubled: data.bookingsDoubled,
    lost,
    smsDoubled: data.smsDoubled,
    ready,
    breaker,
    recoveryS: recovered ? ((recoveredAt - faultAt) / 1000).toFixed(1) : 'not recovered',
    ok,
    notes,
  };
}

const HEAD =
  '| fault | calls | calls affected | turns retried | calls dropped | handed to staff | 5xx / empty TwiML | bookings confirmed | bookings doubled | messages lost | texts sent twice | /ready | model breaker | recovery s |\n' +
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |';
const line = (r: Row) =>
  `| ${r.fault} | ${r.calls} | ${r.affected} | ${r.retried} | ${r.dropped} | ${r.handedOver} | ${r.failures} | ${r.bookings} | ${r.doubled} | ${r.lost} | ${r.smsDoubled} | ${r.ready} | ${r.breaker} | ${r.recoveryS} |`;

const started = Date.now();
const stack = await startFaultStack({
  modelTimeoutMs: 1_500,
  env: process.env,
  logLevel: process.env.FAULTS_LOG_LEVEL,
});
process.stdout.write(
  `fault suite: ${CALLS} calls and ${TEXTS} text threads per fault; stack up in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
);
const rows: Row[] = [];
try {
  for (const fault of FAULTS) {
    if (only && !only.some((o) => fault.name.toLowerCase().includes(o.toLowerCase()))) continue;
    const row = await runFault(stack, fault).catch((err): Row => ({
      fault: fault.name,
      calls: 0,
      affected: 0,
      retried: 0,
      dropped: 0,
      handedOver: 0,
      failures: 1,
      bookings: '',
      doubled: 0,
      lost: 0,
      smsDoubled: 0,
      ready: '',
      breaker: '',
      recoveryS: 'suite error',
      ok: false,
      notes: [String(err)],
    }));
    rows.push(row);
    process.stdout.write(`${row.ok ? 'PASS' : 'FAIL'} ${line(row)}\n`);
    for (const n of row.notes) process.stdout.write(`       ${n}\n`);
  }
} finally {
  await stack.close();
}
const passed = rows.filter((r) => r.ok).length;
process.stdout.write(
  `\n${HEAD}\n${rows.map(line).join('\n')}\n\nfaults: ${passed} passed, ${rows.length - passed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
);
if (process.env.FAULTS_RESULTS_FILE)
  writeFileSync(process.env.FAULTS_RESULTS_FILE, `${passed} ${rows.length - passed}\n`);
process.exit(passed === rows.length ? 0 : 1);
