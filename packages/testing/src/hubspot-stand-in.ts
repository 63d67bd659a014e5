/**
 * A local stand-in for HubSpot's CRM v3 objects API for the real `@hubspot/api-client`: contacts
 * (create, update, search by an EQ filter, GDPR delete: 204, the contact gone for good, 404 for
 * one it does not hold), calls and meetings (create with associations, update). Bearer token
 * checked; `throttle(n, seconds)` answers the next n requests with HubSpot's
 * 429 and a Retry-After, so rate-limit handling can be tested.
 */
import { randomInt } from 'node:crypto';
import { startStandIn, type StandIn } from './stand-in.ts';

export interface HubSpotObject {
  id: string;
  properties: Record<string, string>;
  associations: { toId: string; typeId: number }[];
  createdAt: string;
  updatedAt: string;
}

export interface HubSpotStandIn extends StandIn {
  token: string;
  objects: Record<'contacts' | 'calls' | 'meetings', Map<string, HubSpotObject>>;
  /**
   * Other HubSpot accounts (portals) on the same host, each its own token and objects, as two
   * businesses' private apps are: a request sees only its token's portal.
   */
  portals: Map<string, Record<'contacts' | 'calls' | 'meetings', Map<string, HubSpotObject>>>;
  /** Contact ids removed through the GDPR delete, in order (any portal). */
  gdprDeleted: string[];
  throttle(requests: number, retryAfterSeconds: number): void;
  /** Times a request was answered 429, and when (ms since epoch) each request arrived. */
  throttled: number;
  arrivals: number[];
}

const TYPES = ['contacts', 'calls', 'meetings'] as const;
type ObjectType = (typeof TYPES)[number];

export async function startHubSpotStandIn(
  opts: { token?: string; otherTokens?: string[] } = {},
): Promise<HubSpotStandIn> {
  const token = opts.token ?? 'pat-na1-test-token';
  const emptyPortal = () =>
    Object.fromEntries(
      TYPES.map((t) => [t, new Map<string, HubSpotObject>()]),
    ) as HubSpotStandIn['objects'];
  const portals: HubSpotStandIn['portals'] = new Map([
    [token, emptyPortal()],
    ...(opts.otherTokens ?? []).map((t) => [t, emptyPortal()] as const),
  ]);
  let throttleLeft = 0;
  let retryAfter = 1;
  const state = { throttled: 0, arrivals: [] as number[] };
  const gdprDeleted: string[] = [];
  const view = (o: HubSpotObject) => ({
    id: o.id,
    properties: { ...o.properties, hs_object_id: o.id },
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    archived: false,
  });

  const standIn = await startStandIn((req, res) => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    state.arrivals.push(Date.now());
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const objects = bearer ? portals.get(bearer) : undefined;
    if (!objects)
      return json(401, {
        status: 'error',
        message: 'Authentication credentials not found.',
        category: 'INVALID_AUTHENTICATION',
      });
    if (throttleLeft > 0) {
      throttleLeft -= 1;
      state.throttled += 1;
      return json(
        429,
        {
          status: 'error',
          message: 'You have reached your secondly limit.',
          errorType: 'RATE_LIMIT',
          policyName: 'SECONDLY',
        },
        { 'retry-after': String(retryAfter) },
      );
    }
    const path = req.path.split('?')[0]!;
    if (path === '/crm/v3/objects/contacts/gdpr-delete') {
      if (req.method !== 'POST')
        return json(405, { status: 'error', message: 'method not allowed' });
      let input: { objectId?: unknown; idProperty?: unknown };
      try {
        input = JSON.parse(req.body || '{}');
      } catch {
        return json(400, {
          status: 'error',
          message: 'Invalid input JSON',
          category: 'VALIDATION_ERROR',
        });
      }
      if (typeof input.objectId !== 'string' || !input.objectId)
        return json(400, {
          status: 'error',
          message: 'objectId is required',
          category: 'VALIDATION_ERROR',
        });
      // objectId is the record id, or the value of idProperty (HubSpot allows email) when given.
      const key = input.idProperty;
      const found =
        typeof key === 'string'
          ? [...objects.contacts.values()].find((o) => o.properties[key] === input.objectId)
          : objects.contacts.get(input.objectId);
      if (!found)
        return json(404, {
          status: 'error',
          message: 'Object not found',
          category: 'OBJECT_NOT_FOUND',
        });
      objects.contacts.delete(found.id);
      gdprDeleted.push(found.id);
      res.writeHead(204);
      res.end();
      return;
    }
    const m = /^\/crm\/v3\/objects\/(contacts|calls|meetings)(?:\/([^/]+))?$/.exec(path);
    if (!m) return json(404, { status: 'error', message: 'not found' });
    const type = m[1] as ObjectType;
    const store = objects[type];
    let body: {
      properties?: Record<string, string>;
      associations?: { to: { id: string }; types: { associationTypeId: number }[] }[];
      filterGroups?: { filters: { propertyName: string; operator: string; value: string }[] }[];
    };
    try {
      body = req.body ? JSON.parse(req.body) : {};
    } catch {
      return json(400, {
        status: 'error',
        message: 'Invalid input JSON',
        category: 'VALIDATION_ERROR',
      });
    }
    const now = new Date().toISOString();
    if (req.method === 'POST' && m[2] === 'search') {
      const filters = body.filterGroups?.[0]?.filters ?? [];
      const results = [...store.values()].filter((o) =>
        filters.every((f) => f.operator === 'EQ' && o.properties[f.propertyName] === f.value),
      );
      return json(200, { total: results.length, results: results.map(view) });
    }
    if (req.method === 'POST' && !m[2]) {
      const id = String(randomInt(10_000_000, 99_999_999));
      const o: HubSpotObject = {
        id,
        properties: { ...body.properties },
        associations: (body.associations ?? []).flatMap((a) =>
          a.types.map((t) => ({ toId: a.to.id, typeId: t.associationTypeId })),
        ),
        createdAt: now,
        updatedAt: now,
      };
      for (const a of o.associations)
        if (!objects.contacts.has(a.toId))
          return json(400, { status: 'error', message: `unknown contact ${a.toId}` });
      store.set(id, o);
      return json(201, view(o));
    }
    if (req.method === 'PATCH' && m[2]) {
      const o = store.get(m[2]);
      if (!o)
        return json(404, {
          status: 'error',
          message: 'Object not found',
          category: 'OBJECT_NOT_FOUND',
        });
      o.properties = { ...o.properties, ...body.properties };
      o.updatedAt = now;
      return json(200, view(o));
    }
    return json(405, { status: 'error', message: 'method not allowed' });
  });
  return {
    ...standIn,
    token,
    objects: portals.get(token)!,
    portals,
    gdprDeleted,
    throttle(n, seconds) {
      throttleLeft = n;
      retryAfter = seconds;
    },
    get throttled() {
      return state.throttled;
    },
    get arrivals() {
      return state.arrivals;
    },
  };
}
