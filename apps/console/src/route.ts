import { useEffect, useState } from 'react';

// A router of a dozen lines: paths under /console/, history API, no dependency.
const BASE = '/console';

export function currentPath(): string {
  const p = window.location.pathname.startsWith(BASE)
    ? window.location.pathname.slice(BASE.length)
    : '/';
  return p === '' ? '/' : p;
}

export function navigate(path: string): void {
  window.history.pushState(null, '', `${BASE}${path}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}

export function linkProps(path: string) {
  return {
    href: `${BASE}${path}`,
    onClick: (e: React.MouseEvent) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(path);
    },
  };
}
