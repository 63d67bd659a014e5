import { useEffect, useRef, useState } from 'react';
import { api, type Page } from '../api.ts';
import { linkProps } from '../route.ts';
import { CALL_OUTCOMES, type Call, type CallDetail } from '../types.ts';
import { ErrorBox, fmtTime, Loading, SubmitForm, useLoad } from '../ui.tsx';

interface Filters {
  outcome: string;
  number: string;
  from: string;
  to: string;
}

const isoDay = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);

/** Every row is this tall (styles.css `.call-rows`), so the window can be computed, not measured. */
const ROW = 41;
const BUFFER = 20;

/**
 * The list drawn as a window: only the rows in view (and a buffer) are in the DOM, spacers stand
 * in for the rest, so 10,000 loaded calls scroll as lightly as 100.
 */
function CallTable({ calls }: { calls: Call[] }) {
  const body = useRef<HTMLTableSectionElement | null>(null);
  const [first, setFirst] = useState(0);
  const [count, setCount] = useState(60);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const el = body.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top;
      setFirst(Math.max(0, Math.floor(-top / ROW) - BUFFER));
      setCount(Math.ceil(window.innerHeight / ROW) + 2 * BUFFER);
    };
    const on = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', on, { passive: true });
    window.addEventListener('resize', on);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', on);
      window.removeEventListener('resize', on);
    };
  }, []);
  const a = Math.min(first, calls.length);
  const b = Math.min(first + count, calls.length);
  const spacer = (rows: number) => (
    <tr aria-hidden="true" className="spacer">
      <td colSpan={4} style={{ height: rows * ROW }} />
    </tr>
  );
  return (
    <table className="list call-rows" data-rows={calls.length}>
      <thead>
        <tr>
          <th>Started</th>
          <th>Caller</th>
          <th>Outcome</th>
          <th>Length</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {a > 0 && spacer(a)}
        {calls.slice(a, b).map((c) => (
          <tr key={c.id}>
            <td>
              <a {...linkProps(`/calls/${c.id}`)}>{fmtTime(c.startedAt)}</a>
            </td>
            <td>{c.fromNumber}</td>
            <td>{c.outcome ?? c.status}</td>
            <td>{c.durationSeconds === null ? '–' : `${c.durationSeconds}s`}</td>
          </tr>
        ))}
        {b < calls.length && spacer(calls.length - b)}
      </tbody>
    </table>
  );
}

export function CallsPage({ tenantId }: { tenantId: string }) {
  const [draft, setDraft] = useState<Filters>({ outcome: '', number: '', from: '', to: '' });
  const [filters, setFilters] = useState(draft);
  const [more, setMore] = useState<Call[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const query = {
    outcome: filters.outcome || undefined,
    number: filters.number || undefined,
    from: isoDay(filters.from),
    to: isoDay(filters.to),
    limit: '100',
  };
  const { data, error } = useLoad(async () => {
    const page = await api.get<Page<Call>>(`/tenants/${tenantId}/calls`, query);
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  }, [tenantId, filters]);
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await api.get<Page<Call>>(`/tenants/${tenantId}/calls`, { ...query, cursor });
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    }
  };
  // The next page loads as the end of the list scrolls into view (the button stays for keyboards).
  const sentinel = useRef<HTMLButtonElement | null>(null);
  const loading = useRef(false);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting) || loading.current) return;
        loading.current = true;
        void loadMore().finally(() => (loading.current = false));
      },
      { rootMargin: '800px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [cursor]);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  return (
    <section>
      <h1>Calls</h1>
      <SubmitForm className="filters" onSubmit={() => setFilters(draft)}>
        <label>
          Outcome
          <select value={draft.outcome} onChange={set('outcome')}>
            <option value="">any</option>
            {CALL_OUTCOMES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          Number
          <input value={draft.number} onChange={set('number')} placeholder="+14155550123" />
        </label>
        <label>
          From
          <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <button type="submit">Filter</button>
      </SubmitForm>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <ErrorBox error={error} />
          <CallTable calls={more.length ? [...data, ...more] : data} />
          {data.length === 0 && <p className="muted">No calls match.</p>}
          <ErrorBox error={moreError} />
          {cursor && (
            <button type="button" ref={sentinel} onClick={loadMore}>
              Load more
            </button>
          )}
        </>
      )}
    </section>
  );
}

export function CallPage({ tenantId, callId }: { tenantId: string; callId: string }) {
  const { data, error } = useLoad(
    () => api.get<CallDetail>(`/tenants/${tenantId}/calls/${callId}`),
    [tenantId, callId],
  );
  if (!data) return <Loading error={error} />;
  const tokens = data.transcript.reduce((s, m) => s + m.inputTokens + m.outputTokens, 0);
  return (
    <section>
      <p>
        <a {...linkProps('/calls')}>← Calls</a>
      </p>
      <h1>Call from {data.fromNumber}</h1>
      <dl className="facts">
        <dt>Started</dt>
        <dd>{fmtTime(data.startedAt)}</dd>
        <dt>Outcome</dt>
        <dd>{data.outcome ?? data.status}</dd>
        <dt>Length</dt>
        <dd>{data.durationSeconds === null ? '–' : `${data.durationSeconds}s`}</dd>
        <dt>Tokens</dt>
        <dd>{tokens}</dd>
      </dl>
      {data.summary && (
        <>
          <h2>Summary</h2>
          <p>{data.summary}</p>
        </>
      )}
      <h2>Transcript</h2>
      <ol className="transcript">
        {data.transcript.map((m) => (
          <li key={m.id} className={`turn turn-${m.role}`}>
            <div className="who">
              {m.role === 'agent' ? (m.agent ?? 'agent') : m.role}
              <span className="muted"> {new Date(m.createdAt).toLocaleTimeString()}</span>
            </div>
            <div className="text">{m.text}</div>
            {m.role === 'agent' && (
              <div className="meta muted">
                {m.latencyMs !== null && <span>{m.latencyMs} ms</span>}
                {m.modelLatencyMs !== null && <span> · model {m.modelLatencyMs} ms</span>}
                <span>
                  {' '}
                  · {m.inputTokens} in / {m.outputTokens} out tokens
                </span>
              </div>
            )}
          </li>
        ))}
      </ol>
      {data.transcript.length === 0 && <p className="muted">No transcript.</p>}
    </section>
  );
}
