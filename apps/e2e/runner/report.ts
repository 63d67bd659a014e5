// The verdict: pass rate per category, overall and for the scenarios that must end in a booking,
// then every failure with its transcript and the checks that failed.
import { CATEGORIES } from './scenario.types.ts';
import type { ScenarioResult } from './run-scenario.ts';

export interface Rate {
  passed: number;
  total: number;
  pct: number;
}

export interface Summary {
  set: string;
  startedAt: string;
  durationMs: number;
  concurrency: number;
  categories: Record<string, Rate>;
  overall: Rate;
  bookings: Rate;
  thresholds: { overall: number; bookings: number };
  ok: boolean;
}

const rate = (results: ScenarioResult[]): Rate => {
  const passed = results.filter((r) => r.passed).length;
  const total = results.length;
  return { passed, total, pct: total ? Math.round((passed / total) * 1000) / 10 : 100 };
};

export function summarise(
  results: ScenarioResult[],
  meta: { set: string; startedAt: Date; concurrency: number; thresholds: Summary['thresholds'] },
): Summary {
  const categories: Record<string, Rate> = {};
  for (const c of CATEGORIES) {
    const of = results.filter((r) => r.category === c);
    if (of.length) categories[c] = rate(of);
  }
  const overall = rate(results);
  const bookings = rate(results.filter((r) => r.expectsBooking));
  return {
    set: meta.set,
    startedAt: meta.startedAt.toISOString(),
    durationMs: Date.now() - meta.startedAt.getTime(),
    concurrency: meta.concurrency,
    categories,
    overall,
    bookings,
    thresholds: meta.thresholds,
    ok: overall.pct >= meta.thresholds.overall && bookings.pct >= meta.thresholds.bookings,
  };
}

const line = (label: string, r: Rate) =>
  `  ${label.padEnd(18)} ${`${r.passed}/${r.total}`.padStart(7)} (${r.pct.toFixed(1)}%)`;

export function formatFailures(results: ScenarioResult[]): string {
  const out: string[] = [];
  for (const r of results.filter((x) => !x.passed)) {
    out.push('', `FAIL ${r.id}  [${r.category}, ${r.channel}, ${r.tenant}]  ${r.about}`);
    for (const t of r.transcript) out.push(`    ${t.who.padEnd(6)} ${t.text}`);
    for (const c of r.checks.filter((x) => !x.ok)) out.push(`  ✗ ${c.name}: ${c.detail}`);
    if (r.error) out.push(`  error: ${r.error.split('\n').slice(0, 4).join(' | ')}`);
  }
  return out.join('\n');
}

export function formatSummary(s: Summary): string {
  const out = [
    '',
    `Scenarios, ${s.set} set: ${s.overall.total} in ${(s.durationMs / 1000).toFixed(0)} s (concurrency ${s.concurrency})`,
  ];
  for (const [c, r] of Object.entries(s.categories)) out.push(line(c, r));
  out.push(line('overall', s.overall));
  out.push(`${line('bookings', s.bookings)}  scenarios that must end in a new booking`);
  out.push(
    `  thresholds: overall ≥ ${s.thresholds.overall}%, bookings ≥ ${s.thresholds.bookings}% → ${s.ok ? 'met' : 'NOT met'}`,
  );
  return out.join('\n');
}
