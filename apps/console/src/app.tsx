import { useEffect, useState } from 'react';
import { api, ApiError, session, type Page, type Session } from './api.ts';
import { BusinessesPage, PhoneNumbersPage } from './pages/agency.page.tsx';
import { BookingsPage } from './pages/bookings.page.tsx';
import { CallPage, CallsPage } from './pages/calls.page.tsx';
import { EscalationsPage } from './pages/escalations.page.tsx';
import { ApiKeysPage } from './pages/keys.page.tsx';
import { KnowledgePage } from './pages/knowledge.page.tsx';
import { LivePage } from './pages/live.page.tsx';
import { SettingsPage } from './pages/settings.page.tsx';
import { TodayPage } from './pages/today.page.tsx';
import { TryItPage } from './pages/try-it.page.tsx';
import { linkProps, navigate, usePath } from './route.ts';
import type { Tenant } from './types.ts';
import { ErrorBox } from './ui.tsx';

const NAV = [
  ['/', 'Today'],
  ['/live', 'Live'],
  ['/calls', 'Calls'],
  ['/bookings', 'Bookings'],
  ['/escalations', 'Escalations'],
  ['/knowledge', 'Knowledge'],
  ['/settings', 'Settings'],
  ['/try', 'Try it'],
  ['/numbers', 'Numbers'],
  ['/keys', 'API keys'],
] as const;
/** The agency's own page, for platform keys. */
const AGENCY_NAV = [['/businesses', 'Businesses'], ...NAV] as const;

function SignIn({ onIn }: { onIn: (s: Session) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <main className="signin">
      <h1>Receptionist console</h1>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            onIn(await session.signIn(key));
          } catch (err) {
            setError(err);
          }
        }}
      >
        <label>
          API key (admin or viewer)
          <input
            name="key"
            type="password"
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        </label>
        <ErrorBox error={error} />
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

interface PageProps {
  path: string;
  tenantId: string;
  canWrite: boolean;
  who: Session;
  tenants: Tenant[];
  onSwitch: (tenantId: string) => void;
}

/** /console/invite#<token>: the token never leaves the browser but in this one request. */
function AcceptInvite({ onIn }: { onIn: (s: Session) => void }) {
  const [error, setError] = useState<unknown>(null);
  const token = window.location.hash.slice(1);
  return (
    <main className="signin">
      <h1>Receptionist console</h1>
      <p>You have been invited to the console. Accepting signs you in on this browser.</p>
      <ErrorBox error={error} />
      <button
        type="button"
        disabled={!token}
        onClick={async () => {
          try {
            const who = await session.acceptInvite(token);
            navigate('/');
            onIn(who);
          } catch (err) {
            setError(err);
          }
        }}
      >
        Accept invitation
      </button>
    </main>
  );
}

function Page({ path, tenantId, canWrite, who, tenants, onSwitch }: PageProps) {
  const platform = who.tenantId === null;
  const call = /^\/calls\/([0-9a-f-]{36})$/.exec(path);
  if (call) return <CallPage tenantId={tenantId} callId={call[1]!} />;
  switch (path) {
    case '/calls':
      return <CallsPage tenantId={tenantId} />;
    case '/live':
      return <LivePage tenantId={tenantId} />;
    case '/bookings':
      return <BookingsPage tenantId={tenantId} canWrite={canWrite} />;
    case '/escalations':
      return <EscalationsPage tenantId={tenantId} canWrite={canWrite} />;
    case '/knowledge':
      return <KnowledgePage tenantId={tenantId} canWrite={canWrite} />;
    case '/settings':
      return <SettingsPage tenantId={tenantId} canWrite={canWrite} />;
    case '/try':
      return <TryItPage tenantId={tenantId} canWrite={canWrite} />;
    case '/numbers':
      return <PhoneNumbersPage tenantId={tenantId} canWrite={canWrite && platform} />;
    case '/keys':
      return (
        <ApiKeysPage
          tenants={tenants}
          tenantId={tenantId}
          platform={platform}
          canWrite={canWrite}
        />
      );
    case '/businesses':
      if (platform) return <BusinessesPage current={tenantId} onSwitch={onSwitch} />;
      return <TodayPage tenantId={tenantId} />;
    default:
      return <TodayPage tenantId={tenantId} />;
  }
}

export function App() {
  const path = usePath();
  const [who, setWho] = useState<Session | null | undefined>(undefined);
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tenantId, setTenantId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    session.get().then(setWho, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) setWho(null);
      else setError(e);
    });
  }, []);
  useEffect(() => {
    if (!who) return;
    if (who.tenantId) {
      setTenantId(who.tenantId);
      return;
    }
    // A platform key: the agency picks one of its businesses.
    api.get<Page<Tenant>>('/tenants', { limit: '200' }).then((p) => {
      setTenants(p.items);
      setTenantId((t) => t ?? p.items[0]?.id ?? null);
    }, setError);
  }, [who]);
  if (who === undefined) return error ? <ErrorBox error={error} /> : null;
  if (path === '/invite') return <AcceptInvite onIn={setWho} />;
  if (who === null) return <SignIn onIn={setWho} />;
  const nav = who.tenantId === null ? AGENCY_NAV : NAV;
  const active = nav.find(([p]) => (p === '/' ? path === '/' : path.startsWith(p)))?.[0];
  return (
    <div className="shell">
      <header>
        <strong className="brand">Receptionist</strong>
        <nav aria-label="Pages">
          {nav.map(([p, label]) => (
            <a key={p} {...linkProps(p)} aria-current={active === p ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <div className="who">
          {tenants.length > 1 && (
            <select
              aria-label="Business"
              value={tenantId ?? ''}
              onChange={(e) => setTenantId(e.target.value)}
            >
              {tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
          <span className="muted">
            {who.name} ({who.role})
          </span>
          <button
            type="button"
            onClick={() => session.signOut().then(() => setWho(null), setError)}
          >
            Sign out
          </button>
        </div>
      </header>
      <main>
        <ErrorBox error={error} />
        {tenantId ? (
          <Page
            path={path}
            tenantId={tenantId}
            canWrite={who.role === 'admin'}
            who={who}
            tenants={tenants}
            onSwitch={setTenantId}
          />
        ) : (
          <p className="muted">No business to show.</p>
        )}
      </main>
    </div>
  );
}
