import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from './api.ts';

/** Loads on mount and when `deps` change; `reload` refetches after a write. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load().then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data, error, reload };
}

/** Runs a write, then `reload`s; what it threw is `writeError` until the next write. */
export function useWrite(reload: () => void) {
  const [writeError, setWriteError] = useState<unknown>(null);
  const write = async (f: () => Promise<unknown>) => {
    setWriteError(null);
    try {
      await f();
      reload();
    } catch (e) {
      setWriteError(e);
    }
  };
  return { write, writeError, setWriteError };
}

/** A form whose submit runs `onSubmit` in the page instead of navigating away. */
export function SubmitForm(props: {
  className: string;
  onSubmit: () => unknown;
  children: ReactNode;
}) {
  return (
    <form
      className={props.className}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, 'error', String(error), undefined);
  return (
    <div className="error" role="alert">
      <strong>{e.message}</strong>
      {e.issues.length > 0 && (
        <ul>
          {e.issues.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading({ error, children }: { error: unknown; children?: ReactNode }) {
  return error ? <ErrorBox error={error} /> : <p className="muted">{children ?? 'Loading…'}</p>;
}

export const fmtTime = (iso: string) =>
  new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export const fmtMoney = (minor: number, currency: string) =>
  new Intl.NumberFormat([], { style: 'currency', currency }).format(minor / 100);

export function Card({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="card">
      <div className="card-value">{value}</div>
      <div className="card-label">{label}</div>
    </div>
  );
}
