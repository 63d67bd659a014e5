import { useState } from 'react';
import { api, collect } from '../api.ts';
import type { Booking } from '../types.ts';
import { ErrorBox, Loading, useLoad } from '../ui.tsx';

const DAY = 86_400_000;
const LIVE = new Set(['held', 'pending_payment', 'confirmed']);

function monday(d: Date): Date {
  const m = new Date(d);
  m.setHours(0, 0, 0, 0);
  m.setDate(m.getDate() - ((m.getDay() + 6) % 7));
  return m;
}

const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function Actions({
  tenantId,
  b,
  done,
}: {
  tenantId: string;
  b: Booking;
  done: (msg: string) => void;
}) {
  const [when, setWhen] = useState(localInput(b.startsAt));
  const [error, setError] = useState<unknown>(null);
  const base = `/tenants/${tenantId}/bookings/${b.id}`;
  // Attendance is only asked once a confirmed visit has begun (the API refuses earlier).
  const begun = b.status === 'confirmed' && new Date(b.startsAt).getTime() <= Date.now();
  const run = async (f: () => Promise<unknown>, msg: string) => {
    setError(null);
    try {
      await f();
      done(msg);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="actions">
      <label>
        Move to
        <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
      </label>
      <button
        type="button"
        onClick={() =>
          run(
            () => api.post(`${base}/reschedule`, { startsAt: new Date(when).toISOString() }),
            'Reschedule requested: the booking moves once the workflow confirms.',
          )
        }
      >
        Reschedule
      </button>
      <button
        type="button"
        onClick={() =>
          run(
            () => api.post(`${base}/cancel`, { reason: 'cancelled from the console' }),
            'Cancellation requested.',
          )
        }
      >
        Cancel booking
      </button>
      {begun && (
        <>
          <button
            type="button"
            onClick={() =>
              run(() => api.post(`${base}/attendance`, { attended: true }), 'Marked attended.')
            }
          >
            Attended
          </button>
          <button
            type="button"
            onClick={() =>
              run(
                () => api.post(`${base}/attendance`, { attended: false }),
                'Marked as a no-show: the caller gets an offer to rebook.',
              )
            }
          >
            No-show
          </button>
        </>
      )}
      <ErrorBox error={error} />
    </div>
  );
}

export function BookingsPage({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const [start, setStart] = useState(() => monday(new Date()));
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const end = new Date(start.getTime() + 7 * DAY);
  // The list is newest-created first with no date filter: a bounded read, filtered to the week.
  const { data, error, reload } = useLoad(
    () => collect<Booking>(`/tenants/${tenantId}/bookings`, {}, 5),
    [tenantId],
  );
  const week = (data ?? []).filter((b) => {
    const s = new Date(b.startsAt);
    return s >= start && s < end && b.status !== 'cancelled';
  });
  const days = Array.from({ length: 7 }, (_, i) => new Date(start.getTime() + i * DAY));
  return (
    <section>
      <h1>Bookings</h1>
      <div className="week-nav">
        <button type="button" onClick={() => setStart(new Date(start.getTime() - 7 * DAY))}>
          ← Previous week
        </button>
        <strong>
          {start.toLocaleDateString([], { dateStyle: 'medium' })} –{' '}
          {new Date(end.getTime() - DAY).toLocaleDateString([], { dateStyle: 'medium' })}
        </strong>
        <button type="button" onClick={() => setStart(new Date(start.getTime() + 7 * DAY))}>
          Next week →
        </button>
      </div>
      {notice && <p role="status">{notice}</p>}
      {!data ? (
        <Loading error={error} />
      ) : (
        <div className="week">
          {days.map((d) => {
            const items = week
              .filter((b) => new Date(b.startsAt).toDateString() === d.toDateString())
              .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
            return (
              <div key={d.toISOString()} className="day-col">
                <h2>{d.toLocaleDateString([], { weekday: 'short', day: 'numeric' })}</h2>
                {items.length === 0 && <p className="muted">–</p>}
                {items.map((b) => (
                  <div key={b.id} className={`booking status-${b.status}`}>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setOpen(open === b.id ? null : b.id)}
                    >
                      {new Date(b.startsAt).toLocaleTimeString([], { timeStyle: 'short' })}{' '}
                      {b.service}
                    </button>
                    <div className="muted">{b.status}</div>
                    {open === b.id && canWrite && LIVE.has(b.status) && (
                      <Actions
                        tenantId={tenantId}
                        b={b}
                        done={(msg) => {
                          setNotice(msg);
                          setOpen(null);
                          reload();
                        }}
                      />
                    )}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
