import { useState } from 'react';
import { api, type Page } from '../api.ts';
import type { ApiKey, Tenant } from '../types.ts';
import { ErrorBox, fmtTime, Loading, SubmitForm, useLoad, useWrite } from '../ui.tsx';

/**
 * API keys: prefix, role and last use; the secret is write-only. A new key's full text is shown
 * once, right after it is created, and never again (the API stores only its hash).
 */
/** A link for one person, shown once: they sign in with a key of their own. */
function Invite({ tenantId }: { tenantId: string }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<'admin' | 'viewer'>('viewer');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <h2>Invite a person</h2>
      {link && (
        <div className="notice" role="status">
          <p>Send this link to them; it works once, for 7 days, and is not shown again:</p>
          <code className="secret invite-link">{link}</code>
        </div>
      )}
      <ErrorBox error={error} />
      <form
        className="filters"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            const r = await api.post<{ link: string }>(`/tenants/${tenantId}/invites`, {
              name,
              role,
            });
            setLink(`${window.location.origin}${r.link}`);
            setName('');
          } catch (err) {
            setError(err);
          }
        }}
      >
        <label>
          Their name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Their role
          <select value={role} onChange={(e) => setRole(e.target.value as 'admin' | 'viewer')}>
            <option value="viewer">viewer</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">Create invite link</button>
      </form>
    </>
  );
}

export function ApiKeysPage({
  tenants,
  tenantId,
  platform,
  canWrite,
}: {
  tenants: Tenant[];
  tenantId: string;
  platform: boolean;
  canWrite: boolean;
}) {
  const { data, error, reload } = useLoad(
    () => api.get<Page<ApiKey>>('/api-keys', { limit: '200' }),
    [],
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState<'admin' | 'viewer'>('viewer');
  const [scope, setScope] = useState<string>(tenantId);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { write, writeError } = useWrite(reload);
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  const create = () =>
    write(async () => {
      const k = await api.post<ApiKey & { key: string }>('/api-keys', {
        name,
        role,
        tenantId: scope === 'platform' ? null : scope,
      });
      setCreated({ name: k.name, key: k.key });
      setName('');
    });
  const revoke = (id: string) => write(() => api.del(`/api-keys/${id}`));
  return (
    <section>
      <h1>API keys</h1>
      {created && (
        <div className="notice" role="status">
          <p>
            The key <strong>{created.name}</strong>; copy it now, it is not shown again:
          </p>
          <code className="secret">{created.key}</code>
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {!data ? (
        <Loading error={error} />
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Role</th>
              <th>Business</th>
              <th>Last used</th>
              <th>
                <span className="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'muted' : undefined}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}_…</code>
                </td>
                <td>{k.role}</td>
                <td>{k.tenantId ? (names.get(k.tenantId) ?? 'this business') : 'platform'}</td>
                <td>{k.lastUsedAt ? fmtTime(k.lastUsedAt) : '–'}</td>
                <td>
                  {k.revokedAt ? (
                    'revoked'
                  ) : canWrite ? (
                    <button
                      type="button"
                      aria-label={`Revoke ${k.name}`}
                      onClick={() => revoke(k.id)}
                    >
                      Revoke
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBox error={writeError} />
      {canWrite && (
        <SubmitForm className="filters" onSubmit={() => create()}>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value as 'admin' | 'viewer')}>
              <option value="viewer">viewer</option>
              <option value="admin">admin</option>
            </select>
          </label>
          {platform && (
            <label>
              For
              <select value={scope} onChange={(e) => setScope(e.target.value)}>
                {tenants.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
                <option value="platform">the agency (platform key)</option>
              </select>
            </label>
          )}
          <button type="submit">Create key</button>
        </SubmitForm>
      )}
      {canWrite && <Invite tenantId={tenantId} />}
    </section>
  );
}
