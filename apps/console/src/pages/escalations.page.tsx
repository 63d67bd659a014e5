import { useState } from 'react';
import { api, collect } from '../api.ts';
import { linkProps } from '../route.ts';
import type { Escalation } from '../types.ts';
import { ErrorBox, fmtTime, Loading, useLoad } from '../ui.tsx';

function Resolve({ tenantId, e, done }: { tenantId: string; e: Escalation; done: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="inline"
      onSubmit={async (ev) => {
        ev.preventDefault();
        try {
          await api.post(`/tenants/${tenantId}/escalations/${e.id}/resolve`, {
            ...(note.trim() ? { resolvedBy: note.trim() } : {}),
          });
          done();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <label>
        Note (who handled it, how)
        <input value={note} maxLength={120} onChange={(ev) => setNote(ev.target.value)} />
      </label>
      <button type="submit">Resolve</button>
      <ErrorBox error={error} />
    </form>
  );
}

export function EscalationsPage({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const { data, error, reload } = useLoad(
    () => collect<Escalation>(`/tenants/${tenantId}/escalations`, { status }, 1),
    [tenantId, status],
  );
  return (
    <section>
      <h1>Escalations</h1>
      <div className="tabs" role="group" aria-label="Status">
        {(['open', 'resolved'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s}
          </button>
        ))}
      </div>
      {!data ? (
        <Loading error={error} />
      ) : data.length === 0 ? (
        <p className="muted">Nothing {status}.</p>
      ) : (
        <ul className="rows">
          {data.map((e) => (
            <li key={e.id} className="escalation">
              <div>
                <span className="tag">{e.kind}</span> {fmtTime(e.createdAt)}
                {e.callId && (
                  <>
                    {' · '}
                    <a {...linkProps(`/calls/${e.callId}`)}>the call</a>
                  </>
                )}
              </div>
              <p>{e.summary || e.reason}</p>
              {e.status === 'resolved' ? (
                <p className="muted">
                  Resolved {e.resolvedAt ? fmtTime(e.resolvedAt) : ''} by {e.resolvedBy}
                </p>
              ) : (
                canWrite && <Resolve tenantId={tenantId} e={e} done={reload} />
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorBox error={data ? error : null} />
    </section>
  );
}
