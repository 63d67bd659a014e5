import { Gauge, type Registry } from 'prom-client';
import type { Queryable } from '@receptionist/db';

/**
 * Calls and bookings as Prometheus sees them, read from Postgres when scraped. The database is
 * the record every replica and the worker write to, so one scrape of one backend gives the whole
 * box's figures without each process keeping counters that disagree after a restart.
 * Platform-wide by design: this is the operator's view, never served to a tenant.
 */
export function registerBusinessMetrics(registry: Registry, db: Queryable): void {
  new Gauge({
    name: 'receptionist_calls_total',
    help: 'Calls recorded, by outcome (unknown until the call has ended); grows monotonically',
    labelNames: ['outcome'] as const,
    registers: [registry],
    async collect() {
      const { rows } = await db.query(
        `SELECT COALESCE(outcome, 'in_progress') AS outcome, count(*)::int AS n FROM calls GROUP BY 1`,
      );
      this.reset();
      for (const r of rows as { outcome: string; n: number }[])
        this.set({ outcome: r.outcome }, r.n);
    },
  });
  new Gauge({
    name: 'receptionist_bookings',
    help: 'Bookings by current status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM bookings GROUP BY 1`);
      this.reset();
      for (const r of rows as { status: string; n: number }[]) this.set({ status: r.status }, r.n);
    },
  });
}
