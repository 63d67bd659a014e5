import { useState } from 'react';
import { api, collect, type Page } from '../api.ts';
import type { PhoneNumber, Stats, Tenant } from '../types.ts';
import { ErrorBox, Loading, SubmitForm, useLoad, useWrite } from '../ui.tsx';

interface Row {
  tenant: Tenant;
  today: Stats | null;
}

/**
 * The agency's view (platform keys): every business with today's figures, one stats read per
 * business (at most 200 businesses, read 8 at a time so a large agency does not flood the API).
 */
export function BusinessesPage({
  current,
  onSwitch,
}: {
  current: string | null;
  onSwitch: (tenantId: string) => void;
}) {
  const { data, error } = useLoad(async () => {
    const tenants = await collect<Tenant>('/tenants', {}, 1);
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const rows: Row[] = [];
    for (let i = 0; i < tenants.length; i += 8) {
      const batch = tenants.slice(i, i + 8);
      const stats = await Promise.all(
        batch.map((t) =>
          api
            .get<Stats>(`/tenants/${t.id}/stats`, { from: midnight.toISOString() })
            .catch(() => null),
        ),
      );
      batch.forEach((tenant, j) => rows.push({ tenant, today: stats[j]! }));
    }
    return rows;
  }, []);
  return (
    <section>
      <h1>Businesses</h1>
      {!data ? (
        <Loading error={error} />
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Business</th>
              <th>Calls today</th>
              <th>Answered</th>
              <th>Booked</th>
              <th>Escalations</th>
              <th>
                <span className="visually-hidden">Switch</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map(({ tenant, today }) => (
              <tr key={tenant.id}>
                <td>{tenant.name}</td>
                <td>{today?.calls ?? '–'}</td>
                <td>{today?.answered ?? '–'}</td>
                <td>{today?.booked ?? '–'}</td>
                <td>{today?.escalations ?? '–'}</td>
                <td>
                  {current === tenant.id ? (
                    <span className="muted">current</span>
                  ) : (
                    <button
                      type="button"
                      aria-label={`Switch to ${tenant.name}`}
                      onClick={() => onSwitch(tenant.id)}
                    >
                      Switch
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The business's Twilio numbers; assigning and releasing is for platform admin keys. */
export function PhoneNumbersPage({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const base = `/tenants/${tenantId}/phone-numbers`;
  const { data, error, reload } = useLoad(
    () => api.get<Page<PhoneNumber>>(base, { limit: '200' }),
    [tenantId],
  );
  const [e164, setE164] = useState('');
  const [label, setLabel] = useState('');
  const { write, writeError } = useWrite(reload);
  return (
    <section>
      <h1>Phone numbers</h1>
      {!data ? (
        <Loading error={error} />
      ) : (
        <ul className="plain">
          {data.items.map((n) => (
            <li key={n.id} className="row">
              <strong>{n.e164}</strong> <span className="muted">{n.label}</span>
              {canWrite && (
                <button
                  type="button"
                  aria-label={`Release ${n.e164}`}
                  onClick={() => write(() => api.del(`${base}/${n.id}`))}
                >
                  Release
                </button>
              )}
            </li>
          ))}
          {data.items.length === 0 && <li className="muted">No numbers.</li>}
        </ul>
      )}
      <ErrorBox error={writeError} />
      {canWrite && (
        <SubmitForm
          className="filters"
          onSubmit={() =>
            write(async () => {
              await api.post(base, { e164, ...(label ? { label } : {}) });
              setE164('');
              setLabel('');
            })
          }
        >
          <label>
            Number (E.164)
            <input
              value={e164}
              onChange={(e) => setE164(e.target.value)}
              placeholder="+14155550100"
            />
          </label>
          <label>
            Label
            <input value={label} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <button type="submit">Assign</button>
        </SubmitForm>
      )}
    </section>
  );
}
