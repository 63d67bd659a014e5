import { useState } from 'react';
import { api } from '../api.ts';
import type { Interval, Service, Tenant } from '../types.ts';
import { ErrorBox, Loading, SubmitForm, useLoad } from '../ui.tsx';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// Hours are edited as "09:00-12:00, 13:00-17:00" per day; the API's zod schema judges them.
const hoursText = (ivs: Interval[] | undefined) =>
  (ivs ?? []).map((iv) => `${iv.open}-${iv.close}`).join(', ');
const parseHours = (text: string): Interval[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [open = '', close = ''] = s.split('-').map((x) => x.trim());
      return { open, close };
    });
const servicesText = (ss: Service[]) =>
  ss
    .map((s) =>
      [s.name, s.durationMinutes, s.priceMinor === undefined ? '' : s.priceMinor / 100].join(', '),
    )
    .join('\n');
const parseServices = (text: string): Service[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', minutes = '', price = ''] = l.split(',').map((x) => x.trim());
      return {
        name,
        durationMinutes: Number(minutes),
        ...(price ? { priceMinor: Math.round(Number(price) * 100) } : {}),
      };
    });

function SettingsForm({ tenant, canWrite }: { tenant: Tenant; canWrite: boolean }) {
  const [hours, setHours] = useState(() =>
    Object.fromEntries(DAYS.map((d) => [d, hoursText(tenant.businessHours[d])])),
  );
  const [services, setServices] = useState(servicesText(tenant.services));
  const [greeting, setGreeting] = useState(tenant.greeting);
  const [languages, setLanguages] = useState(tenant.languages.join(', '));
  const [depositRequired, setDepositRequired] = useState(tenant.depositRequired);
  const [deposit, setDeposit] = useState(String(tenant.depositAmountMinor / 100));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const save = async () => {
    setSaved(false);
    setError(null);
    try {
      await api.patch(`/tenants/${tenant.id}`, {
        businessHours: Object.fromEntries(
          DAYS.filter((d) => hours[d]?.trim()).map((d) => [d, parseHours(hours[d]!)]),
        ),
        services: parseServices(services),
        greeting,
        languages: languages
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
        depositRequired,
        depositAmountMinor: Math.round(Number(deposit) * 100),
      });
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <SubmitForm className="settings" onSubmit={() => save()}>
      <fieldset>
        <legend>Opening hours (e.g. 09:00-12:00, 13:00-17:00; empty = closed)</legend>
        {DAYS.map((d) => (
          <label key={d} className="row">
            <span className="day">{d}</span>
            <input
              name={`hours-${d}`}
              value={hours[d]}
              onChange={(e) => setHours({ ...hours, [d]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <label>
        Services (one a line: name, minutes, price)
        <textarea rows={4} value={services} onChange={(e) => setServices(e.target.value)} />
      </label>
      <fieldset>
        <legend>Deposit ({tenant.currency})</legend>
        <label className="row">
          <input
            type="checkbox"
            checked={depositRequired}
            onChange={(e) => setDepositRequired(e.target.checked)}
          />
          Ask for a deposit to hold a booking
        </label>
        <label>
          Amount
          <input inputMode="decimal" value={deposit} onChange={(e) => setDeposit(e.target.value)} />
        </label>
      </fieldset>
      <label>
        Languages (tags like en-US, comma separated)
        <input value={languages} onChange={(e) => setLanguages(e.target.value)} />
      </label>
      <label>
        Greeting
        <textarea rows={3} value={greeting} onChange={(e) => setGreeting(e.target.value)} />
      </label>
      <ErrorBox error={error} />
      {saved && <p role="status">Saved.</p>}
      {canWrite ? (
        <button type="submit">Save</button>
      ) : (
        <p className="muted">Viewer keys cannot change settings.</p>
      )}
    </SubmitForm>
  );
}

export function SettingsPage({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const { data, error } = useLoad(() => api.get<Tenant>(`/tenants/${tenantId}`), [tenantId]);
  return (
    <section>
      <h1>Settings</h1>
      {data ? (
        <SettingsForm key={data.id} tenant={data} canWrite={canWrite} />
      ) : (
        <Loading error={error} />
      )}
    </section>
  );
}
