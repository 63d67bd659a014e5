// What the fault suite checks after each fault, from PostgreSQL and the callers' own records:
// turns the caller said that the transcript lacks, bookings made twice, texts sent twice or
// never answered. Plus the probes it samples while the fault runs: each process's /ready and the
// agent's model breaker.
import type pg from 'pg';
import type { CallRecord, TextRecord } from './fault-callers.ts';
import { APPS, type App } from './fault-stack.ts';

export interface DataChecks {
  turnsLost: number;
  bookingsConfirmed: number;
  bookingsDoubled: number;
  smsDoubled: number;
  lostTurns: string[];
}

export async function checkData(
  pool: pg.Pool,
  tenantId: string,
  calls: CallRecord[],
  texts: TextRecord[],
  since: Date,
): Promise<DataChecks> {
  let turnsLost = 0;
  const lostTurns: string[] = [];
  for (const c of calls) {
    const { rows } = await pool.query<{ text: string }>(
      `SELECT m.text FROM messages m
         JOIN conversations v ON v.id = m.conversation_id AND v.tenant_id = m.tenant_id
         JOIN calls k ON k.id = v.call_id AND k.tenant_id = v.tenant_id
        WHERE k.tenant_id = $1 AND k.call_sid = $2 AND m.role = 'caller'`,
      [tenantId, c.callSid],
    );
    const stored = rows.map((r) => r.text);
    for (const line of c.answered) {
      const i = stored.indexOf(line);
      if (i === -1) {
        turnsLost += 1;
        lostTurns.push(`${c.callSid}: "${line}"`);
      } else stored.splice(i, 1);
    }
  }
  const bookers = calls.filter((c) => c.booking).map((c) => c.from);
  const { rows: booked } = await pool.query<{ phone: string; n: number }>(
    `SELECT ct.phone, count(*)::int AS n FROM bookings b
       JOIN contacts ct ON ct.id = b.contact_id AND ct.tenant_id = b.tenant_id
      WHERE b.tenant_id = $1 AND ct.phone = ANY($2) AND b.status IN ('confirmed', 'pending_payment', 'held')
      GROUP BY ct.phone`,
    [tenantId, bookers],
  );
  // A caller's texts (a confirmation, a link) differ from one another: the same one twice is a
  // text sent twice. A texter gets at most one reply per text (identical apologies included);
  // an escalation the fault raised adds its own follow-up text, once (the check above holds it).
  const { rows: doubled } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM outbound_messages
        WHERE tenant_id = $1 AND "to" = ANY($2) AND created_at >= $3
        GROUP BY "to", body HAVING count(*) > 1) d`,
    [tenantId, calls.map((c) => c.from), since],
  );
  let textsDoubled = 0;
  for (const t of texts) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbound_messages
        WHERE tenant_id = $1 AND "to" = $2 AND purpose <> 'escalation_call_back'`,
      [tenantId, t.from],
    );
    if ((rows[0]?.n ?? 0) > t.sent) textsDoubled += 1;
  }
  return {
    turnsLost,
    bookingsConfirmed: booked.length,
    bookingsDoubled: booked.filter((b) => b.n > 1).length,
    smsDoubled: (doubled[0]?.n ?? 0) + textsDoubled,
    lostTurns,
  };
}

export interface Probes {
  /** Processes whose /ready went red during the fault and green again by its end. */
  redAndBack(): App[];
  /** Still red right now. */
  red(): App[];
  breakerOpened: boolean;
  breakerState(): number;
  stop(): void;
}

/** Samples every process's /ready and the agent's model breaker a few times a second. */
export function startProbes(urls: Record<App, string>, agentMetricsUrl: string): Probes {
  const wentRed = new Set<App>();
  const now: Record<App, boolean> = { backend: true, agent: true, worker: true };
  let breaker = 0;
  const probes: Probes = {
    redAndBack: () => [...wentRed].filter((a) => now[a]),
    red: () => APPS.filter((a) => !now[a]),
    breakerOpened: false,
    breakerState: () => breaker,
    stop: () => clearInterval(timer),
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void Promise.all([
      ...APPS.map(async (app) => {
        const ok = (
          await fetch(urls[app], { signal: AbortSignal.timeout(2_000) }).catch(() => null)
        )?.ok;
        now[app] = ok === true;
        if (!ok) wentRed.add(app);
      }),
      (async () => {
        const text = await fetch(agentMetricsUrl, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.text())
          .catch(() => '');
        const m = /circuit_breaker_state\{[^}]*breaker="anthropic_messages"[^}]*\} (\d+)/.exec(
          text,
        );
        if (m) {
          breaker = Number(m[1]);
          if (breaker === 2) probes.breakerOpened = true;
        }
      })(),
    ]).finally(() => {
      busy = false;
    });
  }, 250);
  return probes;
}
