/**
 * A local stand-in for a Pinecone index's data-plane API as `@pinecone-database/pinecone` speaks
 * it, holding records per namespace: NDJSON record upserts (integrated embedding), list of ids
 * (paginated), fetch by ids (fields back as metadata), delete by ids or the whole namespace (404
 * for a namespace never written, as Pinecone answers). The `Api-Key` header is checked;
 * `failing = true` answers every request 503.
 */
import { startStandIn, type StandIn } from './stand-in.ts';

export type PineconeRecord = Record<string, unknown> & { _id: string };

export interface PineconeStandIn extends StandIn {
  apiKey: string;
  /** namespace → id → the record as upserted */
  namespaces: Map<string, Map<string, PineconeRecord>>;
  failing: boolean;
}

export async function startPineconeStandIn(
  opts: { apiKey?: string } = {},
): Promise<PineconeStandIn> {
  const apiKey = opts.apiKey ?? 'pc-test-key';
  const namespaces = new Map<string, Map<string, PineconeRecord>>();
  const state = { failing: false };
  const standIn = await startStandIn((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers['api-key'] !== apiKey)
      return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Invalid API Key' } });
    if (state.failing) return json(503, { error: { code: 'UNAVAILABLE', message: 'down' } });
    const url = new URL(req.path, 'http://stand-in');
    const upsert = /^\/records\/namespaces\/([^/]+)\/upsert$/.exec(url.pathname);
    if (req.method === 'POST' && upsert) {
      const ns = decodeURIComponent(upsert[1]!);
      const held = namespaces.get(ns) ?? new Map<string, PineconeRecord>();
      const records = req.body
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as PineconeRecord);
      if (records.length > 96 || records.some((r) => !r._id || typeof r.text !== 'string'))
        return json(400, { error: { code: 'INVALID_ARGUMENT', message: 'bad records' } });
      for (const r of records) held.set(r._id, r);
      namespaces.set(ns, held);
      return json(201, {});
    }
    const ns = url.searchParams.get('namespace') ?? '';
    if (req.method === 'GET' && url.pathname === '/vectors/list') {
      const ids = [...(namespaces.get(ns)?.keys() ?? [])].sort();
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const start = Number(url.searchParams.get('paginationToken') ?? 0);
      const page = ids.slice(start, start + limit);
      return json(200, {
        vectors: page.map((id) => ({ id })),
        namespace: ns,
        ...(start + limit < ids.length ? { pagination: { next: String(start + limit) } } : {}),
        usage: { readUnits: 1 },
      });
    }
    if (req.method === 'GET' && url.pathname === '/vectors/fetch') {
      const held = namespaces.get(ns);
      const vectors: Record<string, unknown> = {};
      for (const id of url.searchParams.getAll('ids')) {
        const r = held?.get(id);
        if (!r) continue;
        const { _id, ...fields } = r;
        vectors[id] = { id: _id, values: [], metadata: fields };
      }
      return json(200, { vectors, namespace: ns, usage: { readUnits: 1 } });
    }
    if (req.method === 'POST' && url.pathname === '/vectors/delete') {
      const body = JSON.parse(req.body) as {
        namespace?: string;
        ids?: string[];
        deleteAll?: boolean;
      };
      const held = namespaces.get(body.namespace ?? '');
      if (!held) return json(404, { code: 5, message: 'Namespace not found', details: [] });
      if (body.deleteAll) held.clear();
      for (const id of body.ids ?? []) held.delete(id);
      return json(200, {});
    }
    return json(404, {
      error: { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` },
    });
  });
  return {
    ...standIn,
    apiKey,
    namespaces,
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
  };
}
