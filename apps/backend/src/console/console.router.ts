import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import {
  claimConsoleInvite,
  findApiKeyByPrefix,
  insertApiKey,
  linkConsoleInviteKey,
  withTransaction,
  type Db,
} from '@receptionist/db';
import { HttpError } from '@receptionist/observability';
import { generateApiKey, hashSecret, parseApiKey, secretMatches } from '../admin/api-key.ts';

/** Where `vite build` of apps/console writes; the production image copies it next to the backend. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist', import.meta.url));

const SESSION_COOKIE = 'rcp_console';
const CSRF_COOKIE = 'rcp_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SESSION_SECONDS = 8 * 3600;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ConsoleDeps {
  db: Db;
  /** Secure cookies everywhere but local development and tests (plain http on loopback). */
  secureCookies: boolean;
  /** The admin API router: the console's API calls reach it with the session's key. */
  adminRouter: RequestHandler;
  /** "Try it" turns to the agent service, authorized like the admin API (see try-it.routes.ts). */
  tryIt?: RequestHandler;
  /** Calls in progress as server-sent events, authorized like the admin API (live.routes.ts). */
  live?: RequestHandler;
  distDir?: string;
}

/** Reads one cookie; headers are bounded by Node's header size limit, the split is linear. */
function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Hosts only: behind a TLS proxy the request's own scheme is http while the page's is https. */
function checkOrigin(req: Request): void {
  const origin = req.get('origin');
  if (!origin) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame) or garbage: not this site.
  }
  if (host !== req.get('host')) {
    throw new HttpError(403, 'csrf_origin', 'cross-origin request refused');
  }
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF for every state-changing request: the Origin, when the browser sends one, must be this
 * host, and the double-submit token (a readable cookie another site cannot read) must come back
 * in a header. SameSite=Strict on the session cookie is the first line; these are the second.
 */
const csrf: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  checkOrigin(req);
  const cookie = readCookie(req, CSRF_COOKIE);
  const header = req.get(CSRF_HEADER);
  if (!cookie || !header || !sameString(cookie, header)) {
    throw new HttpError(403, 'csrf_token', 'missing or wrong CSRF token');
  }
  next();
};

async function verifyKey(db: Db, key: string) {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const stored = await findApiKeyByPrefix(db, parsed.prefix);
  if (!stored || stored.revokedAt || !secretMatches(parsed.secret, stored.secretHash)) return null;
  return { tenantId: stored.tenantId, role: stored.role, prefix: stored.prefix, name: stored.name };
}

function setCookies(res: Response, deps: ConsoleDeps, key: string | null): void {
  const base = { path: '/console', sameSite: 'strict' as const, secure: deps.secureCookies };
  if (key === null) {
    res.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
    res.clearCookie(CSRF_COOKIE, base);
    return;
  }
  const maxAge = SESSION_SECONDS * 1000;
  res.cookie(SESSION_COOKIE, key, { ...base, httpOnly: true, maxAge });
  res.cookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...base, maxAge });
}

/**
 * The console under /console: sign-in with an admin or viewer API key (kept in an httpOnly,
 * SameSite=Strict cookie, never readable by page scripts), the admin API under /console/api
 * with that key, and the built single-page app.
 */
export function createConsoleRouter(deps: ConsoleDeps): express.Router {
  const router = express.Router();
  const dist = deps.distDir ?? CONSOLE_DIST;
  const json = express.json({ limit: 4_096, strict: true });

  router.post('/session', csrfForSignIn, json, async (req, res) => {
    const key: unknown = (req.body as { key?: unknown } | undefined)?.key;
    if (typeof key !== 'string' || key.length > 200) {
      throw new HttpError(400, 'validation_failed', 'key is required', [
        { path: 'key', message: 'expected an API key', code: 'invalid_type' },
      ]);
    }
    const who = await verifyKey(deps.db, key.trim());
    if (!who) throw new HttpError(401, 'unauthorized', 'invalid or revoked API key');
    setCookies(res, deps, key.trim());
    res.status(201).json(who);
  });
  // A per-user invite link (/console/invite#<token>): redeemed once, for a key of that person's
  // own, kept in the same httpOnly cookie as a signed-in key; revoking the key signs them out.
  router.post('/session/invite', csrfForSignIn, json, async (req, res) => {
    const token: unknown = (req.body as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) {
      throw new HttpError(400, 'validation_failed', 'token is required', [
        { path: 'token', message: 'expected an invite token', code: 'invalid_type' },
      ]);
    }
    const minted = await withTransaction(deps.db, async (tx) => {
      const invite = await claimConsoleInvite(tx, hashSecret(token));
      if (!invite) return null;
      const generated = generateApiKey();
      const key = await insertApiKey(tx, {
        tenantId: invite.tenantId,
        name: invite.name,
        role: invite.role,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
      });
      await linkConsoleInviteKey(tx, invite.tenantId, invite.id, key.id);
      return {
        key: generated.key,
        who: { tenantId: key.tenantId, role: key.role, prefix: key.prefix, name: key.name },
      };
    });
    if (!minted)
      throw new HttpError(401, 'invalid_invite', 'the invite is unknown, used or expired');
    setCookies(res, deps, minted.key);
    res.status(201).json(minted.who);
  });
  router.get('/session', async (req, res) => {
    const key = readCookie(req, SESSION_COOKIE);
    const who = key ? await verifyKey(deps.db, decodeURIComponent(key)) : null;
    if (!who) throw new HttpError(401, 'unauthorized', 'not signed in');
    res.json(who);
  });
  router.delete('/session', csrf, (_req, res) => {
    setCookies(res, deps, null);
    res.status(204).end();
  });

  router.use('/api', csrf, (req, _res, next) => {
    const key = readCookie(req, SESSION_COOKIE);
    if (!key) throw new HttpError(401, 'unauthorized', 'not signed in');
    // The admin API authenticates the session's key exactly as it does a Bearer header.
    req.headers.authorization = `Bearer ${decodeURIComponent(key)}`;
    delete req.headers.cookie;
    next();
  });
  if (deps.tryIt) router.use('/api', deps.tryIt);
  if (deps.live) router.use('/api', deps.live);
  router.use('/api', deps.adminRouter);

  router.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  router.use(express.static(dist, { index: false, maxAge: '1h' }));
  // Client-side routes (/console/calls/…) all load the same page.
  router.get('/{*page}', (_req, res) => {
    const index = `${dist}/index.html`;
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text')
        .send('console not built: pnpm --filter @receptionist/console build');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/** Sign-in has no token yet; a cross-site form posting a key is refused by its Origin. */
const csrfForSignIn: RequestHandler = (req, _res, next) => {
  checkOrigin(req);
  next();
};
