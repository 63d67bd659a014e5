import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  addWaitlistEntry,
  insertApiKey,
  insertBooking,
  insertKnowledgeEntries,
  insertPhoneNumber,
  recordContactErasure,
  saveCrmConnection,
  upsertContactByPhone,
} from '@receptionist/db';
import {
  crmBackfillWorkflowId,
  KNOWLEDGE_INGEST_WORKFLOW,
  knowledgeIngestWorkflowId,
} from '@receptionist/booking-client/messages';
import { uniqueSlug, useAdmin, type AdminHarness } from '../../test/admin-harness.ts';
import {
  freshNumber,
  insertLiveBooking,
  seedBusiness,
  type Business,
} from '../../test/admin-fixtures.ts';
import { generateApiKey } from './api-key.ts';
import { adminRoutes } from './routes.ts';

interface Call {
  path: string;
  body?: unknown;
}
type Owner = 'A' | 'B';
interface Fixture {
  h: AdminHarness;
  biz: Record<Owner, Business>;
}
interface MatrixEntry {
  /** A valid request on `owner`'s data; builds fresh rows where the request consumes them. */
  build(f: Fixture, owner: Owner): Promise<Call>;
  /** Whether a business key naming the other business's data must get 404. */
  crossTenant: boolean;
}

let pastVisits = 0;
const t = (f: Fixture, o: Owner) => `/tenants/${f.biz[o].tenantId}`;
const fixed =
  (fn: (f: Fixture, o: Owner) => string, body?: unknown): MatrixEntry['build'] =>
  async (f, o) => ({ path: fn(f, o), ...(body === undefined ? {} : { body }) });

/** A running campaign of the business's contact, started through the API itself. */
async function startedCampaign(f: Fixture, o: Owner): Promise<string> {
  const res = await request(f.h.app)
    .post(`/admin/v1${t(f, o)}/callbacks`)
    .set('Authorization', keys.platformAdmin)
    .send({ contactId: f.biz[o].contactId });
  if (res.status !== 202) throw new Error(`callback not started: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Every admin operation must be listed here; a new route without an entry fails this file. */
const matrix: Record<string, MatrixEntry> = {
  listTenants: { build: fixed(() => '/tenants'), crossTenant: false },
  createTenant: {
    build: async () => ({ path: '/tenants', body: { slug: uniqueSlug(), name: 'New business' } }),
    crossTenant: false,
  },
  getTenant: { build: fixed(t), crossTenant: true },
  updateTenant: { build: fixed(t, { greeting: 'Hello!' }), crossTenant: true },
  listPhoneNumbers: { build: fixed((f, o) => `${t(f, o)}/phone-numbers`), crossTenant: true },
  assignPhoneNumber: {
    build: async (f, o) => ({ path: `${t(f, o)}/phone-numbers`, body: { e164: freshNumber() } }),
    crossTenant: true,
  },
  releasePhoneNumber: {
    build: async (f, o) => {
      const p = await insertPhoneNumber(f.h.db, f.biz[o].tenantId, freshNumber(), '');
      return { path: `${t(f, o)}/phone-numbers/${p.id}` };
    },
    crossTenant: true,
  },
  listKnowledgeEntries: { build: fixed((f, o) => `${t(f, o)}/knowledge`), crossTenant: true },
  createKnowledgeEntry: {
    build: fixed((f, o) => `${t(f, o)}/knowledge`, { question: 'Parking?', answer: 'Behind.' }),
    crossTenant: true,
  },
  getKnowledgeEntry: {
    build: fixed((f, o) => `${t(f, o)}/knowledge/${f.biz[o].entryId}`),
    crossTenant: true,
  },
  updateKnowledgeEntry: {
    build: fixed((f, o) => `${t(f, o)}/knowledge/${f.biz[o].entryId}`, { answer: 'Yes.' }),
    crossTenant: true,
  },
  deleteKnowledgeEntry: {
    build: async (f, o) => {
      const [e] = await insertKnowledgeEntries(f.h.db, f.biz[o].tenantId, [
        { question: 'Q', answer: 'A' },
      ]);
      return { path: `${t(f, o)}/knowledge/${e!.id}` };
    },
    crossTenant: true,
  },
  importKnowledge: {
    build: fixed((f, o) => `${t(f, o)}/knowledge/import`, {
      format: 'markdown',
      content: '## Open Sundays?\nNo.',
    }),
    crossTenant: true,
  },
  reindexKnowledge: {
    build: fixed((f, o) => `${t(f, o)}/knowledge/reindex`, { target: 'builtin' }),
    crossTenant: true,
  },
  ingestKnowledgeDocument: {
    build: async (f, o) => {
      const sourceId = `authz-faq-${o.toLowerCase()}`;
      // One ingest at a time per document: the previous key's request started one (no worker).
      await f.h.temporal.workflow
        .getHandle(knowledgeIngestWorkflowId(f.biz[o].tenantId, sourceId))
        .terminate('next request')
        .catch(() => undefined);
      return {
        path: `${t(f, o)}/knowledge/ingest`,
        body: { sourceId, title: 'FAQ', format: 'text', content: 'We are closed on Sundays.' },
      };
    },
    crossTenant: true,
  },
  // A closed ingest of the owner's document (its progress reads without a worker).
  getKnowledgeIngestProgress: {
    build: async (f, o) => {
      const sourceId = `authz-read-${o.toLowerCase()}`;
      const tenantId = f.biz[o].tenantId;
      const handle = await f.h.temporal.workflow.start(KNOWLEDGE_INGEST_WORKFLOW, {
        taskQueue: 'authz-no-worker',
        workflowId: knowledgeIngestWorkflowId(tenantId, sourceId),
        args: [{ tenantId, sourceId }],
      });
      await handle.terminate('closed for the test');
      return { path: `${t(f, o)}/knowledge/ingest/${sourceId}` };
    },
    crossTenant: true,
  },
  listCalls: { build: fixed((f, o) => `${t(f, o)}/calls`), crossTenant: true },
  getCall: { build: fixed((f, o) => `${t(f, o)}/calls/${f.biz[o].callId}`), crossTenant: true },
  listSmsConversations: {
    build: fixed((f, o) => `${t(f, o)}/sms-conversations`),
    crossTenant: true,
  },
  getSmsConversation: {
    build: fixed((f, o) => `${t(f, o)}/sms-conversations/${f.biz[o].conversationId}`),
    crossTenant: true,
  },
  listContacts: { build: fixed((f, o) => `${t(f, o)}/contacts`), crossTenant: true },
  listBookings: { build: fixed((f, o) => `${t(f, o)}/bookings`), crossTenant: true },
  getBooking: {
    build: fixed((f, o) => `${t(f, o)}/bookings/${f.biz[o].bookingId}`),
    crossTenant: true,
  },
  cancelBooking: {
    build: async (f, o) => {
      const b = await insertLiveBooking(f.h.db, f.biz[o].tenantId, 40);
      return { path: `${t(f, o)}/bookings/${b.id}/cancel`, body: { reason: 'caller asked' } };
    },
    crossTenant: true,
  },
  rescheduleBooking: {
    build: async (f, o) => {
      const b = await insertLiveBooking(f.h.db, f.biz[o].tenantId, 80);
      return {
        path: `${t(f, o)}/bookings/${b.id}/reschedule`,
        body: { startsAt: '2032-03-01T10:00:00Z' },
      };
    },
    crossTenant: true,
  },
  reportBookingAttendance: {
    build: async (f, o) => {
      // Visits that have begun, an hour apart so they never overlap one another.
      const begun = new Date(Date.now() - (++pastVisits + 1) * 3_600_000);
      const b = await insertBooking(f.h.db, f.biz[o].tenantId, {
        status: 'confirmed',
        service: 'Cleaning and check-up',
        startsAt: begun,
        endsAt: new Date(begun.getTime() + 1_800_000),
      });
      return { path: `${t(f, o)}/bookings/${b.id}/attendance`, body: { attended: false } };
    },
    crossTenant: true,
  },
  createConsoleInvite: {
    build: fixed((f, o) => `${t(f, o)}/invites`, { name: 'Dana', role: 'viewer' }),
    crossTenant: true,
  },
  listEscalations: { build: fixed((f, o) => `${t(f, o)}/escalations`), crossTenant: true },
  resolveEscalation: {
    build: fixed((f, o) => `${t(f, o)}/escalations/${f.biz[o].escalationId}/resolve`, {}),
    crossTenant: true,
  },
  listWaitlist: { build: fixed((f, o) => `${t(f, o)}/waitlist`), crossTenant: true },
  addWaitlistEntry: {
    build: async (f, o) => ({
      path: `${t(f, o)}/waitlist`,
      body: { phone: freshNumber(), day: '2027-01-05' },
    }),
    crossTenant: true,
  },
  removeWaitlistEntry: {
    build: async (f, o) => {
      const { entry } = await addWaitlistEntry(f.h.db, f.biz[o].tenantId, {
        contactId: null,
        phone: freshNumber(),
        day: '2027-01-05',
      });
      return { path: `${t(f, o)}/waitlist/${entry.id}` };
    },
    crossTenant: true,
  },
  getRetentionSettings: {
    build: fixed((f, o) => `${t(f, o)}/retention-settings`),
    crossTenant: true,
  },
  updateRetentionSettings: {
    build: fixed((f, o) => `${t(f, o)}/retention-settings`, { transcriptsDays: 90 }),
    crossTenant: true,
  },
  getReportSettings: { build: fixed((f, o) => `${t(f, o)}/report-settings`), crossTenant: true },
  updateReportSettings: {
    build: fixed((f, o) => `${t(f, o)}/report-settings`, { sendAt: '18:30' }),
    crossTenant: true,
  },
  eraseContact: {
    build: async (f, o) => {
      const c = await upsertContactByPhone(f.h.db, f.biz[o].tenantId, freshNumber());
      return { path: `${t(f, o)}/contacts/${c.id}/erasure`, body: {} };
    },
    crossTenant: true,
  },
  getContactErasure: {
    build: async (f, o) => {
      const c = await upsertContactByPhone(f.h.db, f.biz[o].tenantId, freshNumber());
      await recordContactErasure(f.h.db, f.biz[o].tenantId, {
        contactId: c.id,
        requestedBy: 'api_key:authz',
        counts: {
          messages: 0,
          conversations: 0,
          calls: 0,
          analyses: 0,
          outboundTexts: 0,
          bookings: 0,
          escalations: 0,
          agentStates: 0,
          webhookPayloads: 0,
          contact: 'deleted',
        },
      });
      return { path: `${t(f, o)}/contacts/${c.id}/erasure` };
    },
    crossTenant: true,
  },
  takeOverLeadFollowUp: {
    build: fixed((f, o) => `${t(f, o)}/contacts/${f.biz[o].contactId}/follow-up/take-over`, {}),
    crossTenant: true,
  },
  getStats: { build: fixed((f, o) => `${t(f, o)}/stats`), crossTenant: true },
  getCrmConnection: { build: fixed((f, o) => `${t(f, o)}/crm`), crossTenant: true },
  // Disconnecting: no Schedule is left behind on the test server.
  updateCrmConnection: {
    build: fixed((f, o) => `${t(f, o)}/crm`, { hubspotToken: null }),
    crossTenant: true,
  },
  backfillCrm: {
    build: async (f, o) => {
      const tenantId = f.biz[o].tenantId;
      await saveCrmConnection(f.h.db, tenantId, { hubspotToken: 'pat-na1-authz-test' });
      // One backfill at a time: the previous key's request started one (no worker runs it).
      await f.h.temporal.workflow
        .getHandle(crmBackfillWorkflowId(tenantId))
        .terminate('next request')
        .catch(() => undefined);
      return { path: `${t(f, o)}/crm/backfill` };
    },
    crossTenant: true,
  },
  startCampaign: {
    build: async (f, o) => ({
      path: `${t(f, o)}/campaigns`,
      body: { purpose: 'reminder', contactIds: [f.biz[o].contactId] },
    }),
    crossTenant: true,
  },
  requestCallback: {
    build: async (f, o) => ({
      path: `${t(f, o)}/callbacks`,
      body: { contactId: f.biz[o].contactId },
    }),
    crossTenant: true,
  },
  getCampaign: {
    build: async (f, o) => ({ path: `${t(f, o)}/campaigns/${await startedCampaign(f, o)}` }),
    crossTenant: true,
  },
  cancelCampaign: {
    build: async (f, o) => ({
      path: `${t(f, o)}/campaigns/${await startedCampaign(f, o)}/cancel`,
    }),
    crossTenant: true,
  },
  listTenantAuditLog: { build: fixed((f, o) => `${t(f, o)}/audit-log`), crossTenant: true },
  listAuditLog: { build: fixed(() => '/audit-log'), crossTenant: false },
  listApiKeys: { build: fixed(() => '/api-keys'), crossTenant: false },
  createApiKey: {
    build: async (f, o) => ({
      path: '/api-keys',
      body: { name: 'dashboard', role: 'viewer', tenantId: f.biz[o].tenantId },
    }),
    crossTenant: true,
  },
  revokeApiKey: {
    build: async (f, o) => {
      const g = generateApiKey();
      const k = await insertApiKey(f.h.db, {
        tenantId: f.biz[o].tenantId,
        name: 'to revoke',
        role: 'viewer',
        prefix: g.prefix,
        secretHash: g.secretHash,
      });
      return { path: `/api-keys/${k.id}` };
    },
    crossTenant: true,
  },
};

const h = useAdmin();
let f: Fixture;
const keys = {} as Record<
  'platformAdmin' | 'platformViewer' | 'tenantAdmin' | 'tenantViewer' | 'revoked' | 'wrongSecret',
  string
>;

beforeAll(async () => {
  const a = await h.tenant();
  const b = await h.tenant();
  f = { h, biz: { A: await seedBusiness(h.db, a), B: await seedBusiness(h.db, b) } };
  keys.platformAdmin = await h.key(null, 'admin');
  keys.platformViewer = await h.key(null, 'viewer');
  keys.tenantAdmin = await h.key(a, 'admin');
  keys.tenantViewer = await h.key(a, 'viewer');
  keys.revoked = await h.key(a, 'admin', { revoked: true });
  // The right prefix with someone else's secret.
  keys.wrongSecret = keys.tenantAdmin.replace(/_[A-Za-z0-9_-]{43}$/, `_${'x'.repeat(43)}`);
});

async function send(key: string | null, method: string, c: Call) {
  let req = request(h.app)[method as 'get'](`/admin/v1${c.path}`);
  if (key) req = req.set('Authorization', key);
  return c.body === undefined ? req : req.send(c.body as object);
}

describe('admin authorization matrix', () => {
  it('lists every route of the API', () => {
    expect(adminRoutes.map((r) => r.operationId).sort()).toEqual(Object.keys(matrix).sort());
    expect(new Set(adminRoutes.map((r) => r.operationId)).size).toBe(adminRoutes.length);
  });

  for (const route of adminRoutes) {
    const entry = matrix[route.operationId];
    const label = `${route.method.toUpperCase()} ${route.path}`;
    describe(label, () => {
      it('answers 401 without a key, with a revoked key and with a wrong secret', async () => {
        for (const key of [null, keys.revoked, keys.wrongSecret, 'Bearer not-a-key']) {
          const res = await send(key, route.method, await entry!.build(f, 'A'));
          expect(res.status, `${label} with ${key ?? 'no key'}`).toBe(401);
          expect(res.body.error.code).toBe('unauthorized');
        }
      });

      if (route.write) {
        it('answers 403 to viewer keys', async () => {
          for (const key of [keys.tenantViewer, keys.platformViewer]) {
            const res = await send(key, route.method, await entry!.build(f, 'A'));
            expect(res.status, label).toBe(403);
            expect(res.body.error.code).toBe('forbidden');
          }
        });
      }

      if (route.access === 'platform') {
        it("answers 403 to a business's own admin key", async () => {
          const res = await send(keys.tenantAdmin, route.method, await entry!.build(f, 'A'));
          expect(res.status, label).toBe(403);
        });
      }

      if (entry?.crossTenant && route.access !== 'platform') {
        it("answers 404 for another business's data", async () => {
          const res = await send(keys.tenantAdmin, route.method, await entry.build(f, 'B'));
          expect(res.status, label).toBe(404);
          expect(res.body.error.code).toBe('not_found');
          if (route.access === 'tenant' && /\{\w+Id\}/.test(route.path.replace('{tenantId}', ''))) {
            // Own business in the path, the other business's row id: still 404.
            const own = await entry.build(f, 'A');
            const other = await entry.build(f, 'B');
            const mixed = other.path.replace(f.biz.B.tenantId, f.biz.A.tenantId);
            const r2 = await send(keys.tenantAdmin, route.method, { ...own, path: mixed });
            expect(r2.status, `${label} mixed`).toBe(404);
          }
        });
      }

      it('lets the keys that may call it through', async () => {
        const allowed =
          route.access === 'platform'
            ? [keys.platformAdmin]
            : route.write
              ? [keys.platformAdmin, keys.tenantAdmin]
              : [keys.platformAdmin, keys.platformViewer, keys.tenantAdmin, keys.tenantViewer];
        for (const key of allowed) {
          const res = await send(key, route.method, await entry!.build(f, 'A'));
          // A booking command with no running workflow is a 409, still authorized.
          const expected =
            /Booking(Attendance)?$/.test(route.operationId) && route.write ? 409 : route.status;
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(expected);
        }
      });
    });
  }
});
