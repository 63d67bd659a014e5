import type { AdminRoute } from './route-table.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page listing every operation; no external scripts, so it works offline. */
export function docsPage(routes: AdminRoute[]): string {
  const tags = [...new Set(routes.map((r) => r.tag))];
  const sections = tags
    .map((tag) => {
      const rows = routes
        .filter((r) => r.tag === tag)
        .map(
          (r) =>
            `<tr><td class="m ${r.method}">${r.method.toUpperCase()}</td><td><code>${escape(r.path)}</code></td>` +
            `<td>${escape(r.summary)}</td><td>${r.write ? 'admin' : 'viewer'}${r.access === 'platform' ? ', platform key' : ''}</td></tr>`,
        )
        .join('\n');
      return `<h2>${escape(tag)}</h2>\n<table><tr><th></th><th>path</th><th>what</th><th>needs</th></tr>\n${rows}\n</table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Receptionist admin API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}
table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}
.m{font-weight:bold;font-family:monospace}.get{color:#0a7}.post{color:#06c}.patch{color:#a60}.delete{color:#c22}</style>
</head><body>
<h1>Receptionist admin API <small>v1</small></h1>
<p>Base path <code>/admin/v1</code>. Authenticate with <code>Authorization: Bearer rcp_…</code>.
The machine-readable contract is <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).
Lists take <code>limit</code> (default 50, at most 200) and <code>cursor</code> (the previous page's
<code>nextCursor</code>). Errors are <code>{"error": {"code", "message", "details"}}</code>.</p>
${sections}
</body></html>`;
}
