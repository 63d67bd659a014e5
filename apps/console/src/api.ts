// The console's only way out: the session layer at /console (cookie-authenticated admin API).
export interface ApiErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** The zod issues the API returns with a 400, as "path: message" lines. */
  get issues(): string[] {
    if (!Array.isArray(this.details)) return [];
    return (this.details as ApiErrorDetail[]).map((d) =>
      d.path ? `${d.path}: ${d.message}` : d.message,
    );
  }
}

export interface Session {
  tenantId: string | null;
  role: 'admin' | 'viewer';
  prefix: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function csrfToken(): string {
  for (const part of document.cookie.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === 'rcp_csrf' && v) return v;
  }
  return '';
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: unknown };
  };
  if (!res.ok) {
    const e = data.error ?? { code: 'http_error', message: `HTTP ${res.status}` };
    throw new ApiError(res.status, e.code, e.message, e.details);
  }
  return data as T;
}

export const session = {
  get: () => call<Session>('GET', '/console/session'),
  signIn: (key: string) => call<Session>('POST', '/console/session', { key }),
  signOut: () => call<void>('DELETE', '/console/session'),
  acceptInvite: (token: string) => call<Session>('POST', '/console/session/invite', { token }),
};

const API = '/console/api';
export const api = {
  get: <T>(path: string, query: Record<string, string | undefined> = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    const qs = q.toString();
    return call<T>('GET', `${API}${path}${qs ? `?${qs}` : ''}`);
  },
  post: <T>(path: string, body: unknown) => call<T>('POST', `${API}${path}`, body),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', `${API}${path}`, body),
  del: <T>(path: string) => call<T>('DELETE', `${API}${path}`),
};

/** Follows cursors up to `maxPages` pages of 200, stopping once `stop` says the rest is older. */
export async function collect<T>(
  path: string,
  query: Record<string, string | undefined>,
  maxPages: number,
  stop: (item: T) => boolean = () => false,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await api.get<Page<T>>(path, { ...query, limit: '200', cursor });
    for (const item of page.items) {
      if (stop(item)) return out;
      out.push(item);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}
