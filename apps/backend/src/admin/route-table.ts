import type { z } from 'zod';
import type { ApiKey, Queryable, NewAuditEntry } from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import type { AdminDeps } from './admin-deps.ts';

/**
 * Who may call a route:
 * - `tenant`: the path names a business ({tenantId}); a business's own key may only name its own
 *   business (any other id answers 404, as if it did not exist), platform keys may name any.
 * - `platform`: platform keys only; a business's key gets 403.
 * - `any`: both kinds; the handler scopes what it returns to the caller's business.
 */
export type Access = 'tenant' | 'platform' | 'any';
export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface AuditInput {
  action: string;
  resourceType: string;
  resourceId: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the route's {tenantId}. */
  tenantId?: string | null;
}

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  key: ApiKey;
  /** The pool for reads; for writes a transaction that also holds the audit entry. */
  db: Queryable;
  deps: AdminDeps;
  audit(entry: AuditInput): Promise<void>;
  /** The tenant's profile or settings changed: every process's profile cache hears it after the commit. */
  profileChanged(tenantId: string): void;
}

export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: Method;
  /** OpenAPI-style path under /admin/v1, e.g. /tenants/{tenantId}/calls. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  status: 200 | 201 | 202;
  response: z.ZodType;
  /** Error statuses this route can answer beyond the ones every route can. */
  errors?: number[];
  handler(ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

export interface AdminRoute extends RouteSpec {
  /** Writes need an admin key and leave an audit entry. */
  write: boolean;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: RouteSpec<P, Q, B>,
): AdminRoute {
  return { ...(spec as unknown as RouteSpec), write: spec.method !== 'get' };
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);

/** The row a handler looked up, or the 404 saying it does not exist (for this business). */
export function orNotFound<T>(row: T | null | undefined, what: string): T {
  if (!row) throw notFound(what);
  return row;
}

export type { NewAuditEntry };
