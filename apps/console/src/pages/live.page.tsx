import { useEffect, useState } from 'react';

interface LiveCall {
  id: string;
  callSid: string;
  fromNumber: string;
  status: string;
  startedAt: string;
}

interface LiveTurn {
  id: string;
  callSid: string;
  role: 'caller' | 'agent';
  agent: string | null;
  text: string;
  latencyMs: number | null;
  createdAt: string;
}

/** Turns kept per call on screen: a long call shows its latest lines. */
const KEEP = 200;

/**
 * Calls in progress, their transcript growing as they speak: server-sent events from the
 * session layer (`calls` when the set of calls changes, `turn` once per new line). The browser's
 * EventSource reconnects by itself when the stream ends.
 */
export function LivePage({ tenantId }: { tenantId: string }) {
  const [calls, setCalls] = useState<LiveCall[] | null>(null);
  const [turns, setTurns] = useState<Record<string, LiveTurn[]>>({});
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    setCalls(null);
    setTurns({});
    const source = new EventSource(`/console/api/tenants/${tenantId}/live`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('calls', (e) => {
      const list = JSON.parse((e as MessageEvent<string>).data) as LiveCall[];
      setCalls(list);
      // Drop the lines of calls that ended.
      const sids = new Set(list.map((c) => c.callSid));
      setTurns((t) => Object.fromEntries(Object.entries(t).filter(([sid]) => sids.has(sid))));
    });
    source.addEventListener('turn', (e) => {
      const turn = JSON.parse((e as MessageEvent<string>).data) as LiveTurn;
      setTurns((t) => ({ ...t, [turn.callSid]: [...(t[turn.callSid] ?? []), turn].slice(-KEEP) }));
    });
    return () => source.close();
  }, [tenantId]);
  return (
    <section>
      <h1>Live</h1>
      <p className="muted" role="status">
        {connected ? 'Connected: new lines appear as they are spoken.' : 'Connecting…'}
      </p>
      {calls && calls.length === 0 && <p className="muted">No calls in progress.</p>}
      {calls?.map((c) => (
        <article key={c.id} className="live-call" aria-label={`Call from ${c.fromNumber}`}>
          <h2>
            {c.fromNumber} <span className="muted">({c.status})</span>
          </h2>
          <ol className="transcript" aria-live="polite">
            {(turns[c.callSid] ?? []).map((m) => (
              <li key={m.id} className={`turn turn-${m.role}`}>
                <div className="who">
                  {m.role === 'agent' ? (m.agent ?? 'agent') : m.role}
                  <span className="muted"> {new Date(m.createdAt).toLocaleTimeString()}</span>
                </div>
                <div className="text">{m.text}</div>
                {m.latencyMs !== null && <div className="meta muted">{m.latencyMs} ms</div>}
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
