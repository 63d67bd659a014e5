import { api, collect } from '../api.ts';
import { linkProps } from '../route.ts';
import type { Booking, Call, Escalation, Stats } from '../types.ts';
import { Card, fmtMoney, fmtTime, Loading, useLoad } from '../ui.tsx';

const DAY = 86_400_000;
const dayKey = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

async function loadToday(tenantId: string) {
  const t = `/tenants/${tenantId}`;
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const since = new Date(midnight.getTime() - 29 * DAY);
  const [today, month, calls, bookings, open] = await Promise.all([
    api.get<Stats>(`${t}/stats`, { from: midnight.toISOString() }),
    api.get<Stats>(`${t}/stats`, { from: since.toISOString() }),
    // Bounded: at most 5 pages of 200 per list for the chart; the stats carry the totals.
    collect<Call>(`${t}/calls`, { from: since.toISOString() }, 5),
    collect<Booking>(`${t}/bookings`, {}, 5, (b) => new Date(b.createdAt) < since),
    collect<Escalation>(`${t}/escalations`, { status: 'open' }, 1),
  ]);
  const days = Array.from({ length: 30 }, (_, i) => {
    const d = new Date(since.getTime() + i * DAY);
    return { key: dayKey(d), label: d.getDate(), calls: 0, bookings: 0 };
  });
  const byKey = new Map(days.map((d) => [d.key, d]));
  for (const c of calls) {
    const d = byKey.get(dayKey(new Date(c.startedAt)));
    if (d) d.calls++;
  }
  for (const b of bookings) {
    const d = byKey.get(dayKey(new Date(b.createdAt)));
    if (d) d.bookings++;
  }
  const todays = (iso: string) => new Date(iso) >= midnight;
  const todayBookings = bookings.filter((b) => todays(b.createdAt));
  const deposits = todayBookings.filter((b) => b.depositAmountMinor > 0);
  return {
    today,
    month,
    days,
    todayCalls: calls.filter((c) => todays(c.startedAt)),
    todayBookings,
    deposits,
    missed: calls.filter((c) => todays(c.startedAt) && c.outcome === 'missed').length,
    open,
  };
}

function Chart({
  days,
}: {
  days: { key: string; label: number; calls: number; bookings: number }[];
}) {
  const max = Math.max(1, ...days.map((d) => d.calls));
  const w = 600;
  const h = 120;
  const bw = w / days.length;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${w} ${h + 16}`}
        role="img"
        aria-label="Calls and bookings per day, last 30 days"
      >
        {days.map((d, i) => (
          <g key={d.key}>
            <title>{`${d.key}: ${d.calls} calls, ${d.bookings} bookings`}</title>
            <rect
              x={i * bw + 1}
              y={h - (d.calls / max) * h}
              width={bw - 2}
              height={(d.calls / max) * h}
              className="bar-calls"
            />
            <rect
              x={i * bw + bw / 4}
              y={h - (d.bookings / max) * h}
              width={bw / 2}
              height={(d.bookings / max) * h}
              className="bar-bookings"
            />
            {i % 5 === 0 && (
              <text x={i * bw + bw / 2} y={h + 13} fontSize="11" textAnchor="middle">
                {d.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption>
        <span className="key key-calls" /> calls <span className="key key-bookings" /> bookings, per
        day (last 30 days)
      </figcaption>
    </figure>
  );
}

export function TodayPage({ tenantId }: { tenantId: string }) {
  const { data, error } = useLoad(() => loadToday(tenantId), [tenantId]);
  if (!data) return <Loading error={error} />;
  const rate = data.month.calls ? Math.round((data.month.answered / data.month.calls) * 100) : null;
  const depositTotal = data.deposits.reduce((s, b) => s + b.depositAmountMinor, 0);
  return (
    <section>
      <h1>Today</h1>
      <div className="cards">
        <Card label="Calls" value={data.today.calls} />
        <Card label="Bookings" value={data.todayBookings.length} />
        <Card
          label="Deposits"
          value={data.deposits.length ? fmtMoney(depositTotal, data.deposits[0]!.currency) : 0}
        />
        <Card label="Open escalations" value={data.open.length} />
        <Card label="Missed calls" value={data.missed} />
        <Card label="Answer rate (30 days)" value={rate === null ? '–' : `${rate}%`} />
      </div>
      <Chart days={data.days} />
      <h2>Calls today</h2>
      {data.todayCalls.length === 0 ? (
        <p className="muted">No calls yet today.</p>
      ) : (
        <ul className="rows">
          {data.todayCalls.map((c) => (
            <li key={c.id}>
              <a {...linkProps(`/calls/${c.id}`)}>
                <span>{fmtTime(c.startedAt)}</span> <span>{c.fromNumber}</span>{' '}
                <span className="tag">{c.outcome ?? c.status}</span>
              </a>
              {c.summary && <div className="muted">{c.summary}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
