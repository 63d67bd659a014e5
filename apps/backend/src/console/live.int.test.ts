// The live stream's access and bounds on the real app, Postgres and Redis: the session's key
// decides the business, another business's id is 404, and a sixth stream of one business is 429.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCallIdempotent } from '@receptionist/db';
import { useAdmin } from '../../test/admin-harness.ts';

const h = useAdmin({
  cleanup: async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  },
});
let server: Server;
let base: string;
let tenantId: string;
let otherId: string;

beforeAll(async () => {
  tenantId = await h.tenant();
  otherId = await h.tenant();
  server = h.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

async function signIn(key: string): Promise<string> {
  const res = await fetch(`${base}/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: key.replace(/^Bearer /, '') }),
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Opens a stream and reads until `until` matches the text received so far. */
async function open(cookie: string, tenant = tenantId) {
  const abort = new AbortController();
  const res = await fetch(`${base}/console/api/tenants/${tenant}/live`, {
    headers: { cookie },
    signal: abort.signal,
  });
  let text = '';
  const reader = res.body!.getReader();
  const read = async (until: RegExp) => {
    while (!until.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    return text;
  };
  return { res, read, close: () => abort.abort() };
}

describe('the live stream', () => {
  it('streams the calls in progress, to a viewer too', async () => {
    const callSid = `CA${'1'.repeat(32)}`;
    await createCallIdempotent(h.db, tenantId, {
      callSid,
      fromNumber: '+14155550166',
      toNumber: '+14155550100',
      status: 'in-progress',
    });
    const viewer = await signIn(await h.key(tenantId, 'viewer'));
    const s = await open(viewer);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await s.read(/event: calls\ndata: .*\n\n/);
    const data = /event: calls\ndata: (.*)\n/.exec(text)![1]!;
    expect(JSON.parse(data)).toMatchObject([{ callSid, status: 'in-progress' }]);
    s.close();
  });

  it('answers 401 without a session and 404 for another business', async () => {
    const none = await fetch(`${base}/console/api/tenants/${tenantId}/live`);
    expect(none.status).toBe(401);
    const admin = await signIn(await h.key(tenantId, 'admin'));
    const other = await open(admin, otherId);
    expect(other.res.status).toBe(404);
  });

  it('refuses a sixth stream of one business until one closes', async () => {
    const admin = await signIn(await h.key(tenantId, 'admin'));
    const streams = [];
    for (let i = 0; i < 5; i++) {
      const s = await open(admin);
      expect(s.res.status).toBe(200);
      await s.read(/event: calls/);
      streams.push(s);
    }
    const sixth = await open(admin);
    expect(sixth.res.status).toBe(429);
    expect(sixth.res.headers.get('retry-after')).toBe('10');
    streams.pop()!.close();
    // The server hears the close on its next write or at once from the socket.
    let again = await open(admin);
    for (let i = 0; again.res.status === 429 && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await open(admin);
    }
    expect(again.res.status).toBe(200);
    for (const s of [...streams, again]) s.close();
  });

  it('ends open streams when the server shuts down, so the shutdown does not wait for them', async () => {
    const own = h.app.listen(0, '127.0.0.1');
    await new Promise((r) => own.once('listening', r));
    const url = `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
    const admin = await signIn(await h.key(tenantId, 'admin'));
    const res = await fetch(`${url}/console/api/tenants/${tenantId}/live`, {
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    const started = Date.now();
    const closed = new Promise((r) => own.close(r));
    for (;;) if ((await reader.read()).done) break;
    // The stream ends within a tick of the server no longer listening, not after 10 minutes.
    expect(Date.now() - started).toBeLessThan(3_000);
    own.closeIdleConnections();
    await closed;
  });
});
