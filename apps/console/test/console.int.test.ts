// The console in a real browser (Debian's Chromium through playwright-core) against the real
// backend process on real Postgres and Redis: sign in, Today, a call's transcript, resolving an
// escalation and the API's own validation message in Settings, at phone and desktop widths.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBooking, insertEscalation, SlotTakenError } from '@receptionist/db';
import { waitFor } from '@receptionist/testing';
import {
  launchChromium,
  startConsoleStack,
  CALLER,
  TWILIO_TOKEN,
  type ConsoleStack,
} from './console-stack.ts';
import { seriousViolations } from './axe.ts';

async function capture(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

const PHONE = fileURLToPath(new URL('../../backend/src/phone/phone.cli.ts', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../../.cache/console-screenshots/', import.meta.url));

let stack: ConsoleStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the session layer', () => {
  it('refuses a wrong key, a cross-site sign-in and a write without the CSRF token', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${stack.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post('/console/session', { key: 'rcp_000000000000_nope' })).status).toBe(401);
    const crossSite = await post(
      '/console/session',
      { key: stack.adminKey },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);

    const signIn = await post('/console/session', { key: stack.adminKey });
    expect(signIn.status).toBe(201);
    const cookies = signIn.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('rcp_console='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const csrf = cookies
      .find((c) => c.startsWith('rcp_csrf='))!
      .split(';')[0]!
      .slice(9);

    const read = await fetch(`${stack.baseUrl}/console/api/tenants/${stack.tenantId}/calls`, {
      headers: { cookie: jar },
    });
    expect(read.status).toBe(200);
    const resolve = `/console/api/tenants/${stack.tenantId}/escalations/${stack.escalationId}/resolve`;
    expect((await post(resolve, {}, { cookie: jar })).status).toBe(403);
    expect((await post(resolve, {}, { cookie: jar, 'x-csrf-token': 'wrong' })).status).toBe(403);
    // The right token from another site's page is still refused by its Origin.
    const foreign = { cookie: jar, 'x-csrf-token': csrf, origin: 'https://evil.example' };
    expect((await post(resolve, {}, foreign)).status).toBe(403);
    const noSession = await fetch(`${stack.baseUrl}/console/api/tenants/${stack.tenantId}/calls`);
    expect(noSession.status).toBe(401);
    // Nothing was resolved by the refused writes.
    const open = await fetch(
      `${stack.baseUrl}/console/api/tenants/${stack.tenantId}/escalations?status=open`,
      { headers: { cookie: jar } },
    ).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
    expect(open.items.map((e) => e.id)).toContain(stack.escalationId);
  });
});

describe('try it', () => {
  const signIn = async (key: string) => {
    const res = await fetch(`${stack.baseUrl}/console/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    const cookies = res.headers.getSetCookie();
    const csrf = cookies
      .find((c) => c.startsWith('rcp_csrf='))!
      .split(';')[0]!
      .slice(9);
    return { cookie: cookies.map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': csrf };
  };
  const turn = (headers: Record<string, string>, body: unknown, tenantId = stack.tenantId) =>
    fetch(`${stack.baseUrl}/console/api/tenants/${tenantId}/try-it/turns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const conversationId = '7d3c4f8e-2b1a-4c5d-9e6f-0a1b2c3d4e5f';

  it("answers from the business's receptionist, validated and scoped to the business", async () => {
    const admin = await signIn(stack.adminKey);
    const ok = await turn(admin, { conversationId, text: 'Do you take insurance?' });
    expect(ok.status).toBe(200);
    const reply = (await ok.json()) as {
      reply: string;
      agent: string;
      sources: { id: string; question: string }[];
    };
    expect(reply.reply).toContain('Delta Dental');
    // The entry it came from, by its id and question, from this business's own knowledge.
    const { rows: entry } = await stack.db.query(
      'SELECT id FROM knowledge_entries WHERE tenant_id = $1 AND question = $2',
      [stack.tenantId, 'Do you take insurance?'],
    );
    expect(reply.sources).toEqual([{ id: entry[0].id, question: 'Do you take insurance?' }]);

    const bad = await turn(admin, { conversationId: 'x', text: '', tenantId: stack.tenantId });
    expect(bad.status).toBe(400);
    const viewer = await signIn(stack.viewerKey);
    expect((await turn(viewer, { conversationId, text: 'hello' })).status).toBe(403);
  });

  it('answers 404 when the business belongs to another tenant, and asks the agent nothing', async () => {
    const other = await signIn(stack.otherKey);
    const otherConversation = '0f1e2d3c-4b5a-4968-8776-655443322110';
    const res = await turn(other, {
      conversationId: otherConversation,
      text: 'Do you take insurance?',
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const { rows } = await stack.db.query(
      "SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND created_at > now() - interval '1 minute' AND text = $2",
      [stack.tenantId, 'Do you take insurance?'],
    );
    // Only the one turn of the test above reached the demo business.
    expect(rows[0].n).toBe(1);
  });
});

for (const width of [360, 1280]) {
  describe(`at ${width} px`, () => {
    let page: Page;
    // Every page the tests visit is photographed and checked with axe at both widths.
    const shot = (name: string) => capture(page, `${width}-${name}`);

    beforeAll(async () => {
      const context = await browser.newContext({
        viewport: { width, height: 800 },
        bypassCSP: true,
      });
      page = await context.newPage();
    });

    it('signs in and shows today with the seeded call', async () => {
      await page.goto(`${stack.baseUrl}/console/`);
      await page.getByLabel('API key (admin or viewer)').waitFor();
      await shot('sign-in');
      await page.getByLabel('API key (admin or viewer)').fill(stack.adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
      await page.getByText(CALLER).first().waitFor();
      const calls = page.locator('.card', { hasText: 'Calls' }).first();
      // The seeded call, and at the second width the live call the first width made.
      const { rows } = await stack.db.query(
        'SELECT count(*)::int AS n FROM calls WHERE tenant_id = $1',
        [stack.tenantId],
      );
      expect(rows[0].n).toBe(width === 360 ? 1 : 2);
      expect(await calls.locator('.card-value').textContent()).toBe(String(rows[0].n));
      const deposits = page.locator('.card', { hasText: 'Deposits' });
      expect(await deposits.locator('.card-value').textContent()).toBe('$25.00');
      expect(await page.locator('.card', { hasText: 'Open escalations' }).textContent()).toMatch(
        /^[1-9]/,
      );
      await shot('today');
    });

    it("opens the call's transcript, turn by turn with agent, latency and tokens", async () => {
      await page.getByText(CALLER).first().click();
      await page.getByRole('heading', { name: `Call from ${CALLER}` }).waitFor();
      const turns = page.locator('.turn');
      expect(await turns.count()).toBe(4);
      expect(await turns.nth(0).textContent()).toContain('do you take Delta Dental');
      const reply = (await turns.nth(1).textContent()) ?? '';
      expect(reply).toContain('faq');
      expect(reply).toContain('412 ms');
      expect(reply).toContain('812 in / 37 out tokens');
      await page.getByText('wants a call back about a bill').waitFor();
      await shot('call');
      await page.getByRole('link', { name: 'Calls', exact: true }).click();
      await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
      await page.locator('table.list tbody tr').first().waitFor();
      await shot('calls');
    });

    it('resolves an escalation with a note', async () => {
      const summary = `Call back at ${width} px`;
      await insertEscalation(stack.db, stack.tenantId, { kind: 'message', summary });
      await page.getByRole('link', { name: 'Escalations' }).click();
      const item = page.locator('li.escalation', { hasText: summary });
      await item.waitFor();
      await shot('escalations');
      await item.getByLabel('Note (who handled it, how)').fill(`Dana phoned back (${width})`);
      await item.getByRole('button', { name: 'Resolve' }).click();
      await item.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'resolved' }).click();
      await page.getByText(`by Dana phoned back (${width})`).waitFor();
      const { rows } = await stack.db.query(
        'SELECT status, resolved_by FROM escalations WHERE summary = $1',
        [summary],
      );
      expect(rows[0]).toEqual({ status: 'resolved', resolved_by: `Dana phoned back (${width})` });
    });

    it("shows the API's own validation message for impossible hours", async () => {
      await page.getByRole('link', { name: 'Settings' }).click();
      const monday = page.locator('input[name="hours-mon"]');
      await monday.waitFor();
      expect(await monday.inputValue()).toBe('09:00-17:00');
      await monday.fill('17:00-09:00');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('open must be before close');
      await shot('settings-error');
      const { rows } = await stack.db.query('SELECT business_hours FROM tenants WHERE id = $1', [
        stack.tenantId,
      ]);
      expect(rows[0].business_hours.mon).toEqual([{ open: '09:00', close: '17:00' }]);
    });

    it('shows bookings and knowledge', async () => {
      await page.getByRole('link', { name: 'Bookings' }).click();
      await page.getByRole('button', { name: 'Next week →' }).waitFor();
      await page.locator('.booking', { hasText: 'Cleaning and check-up' }).waitFor();
      await shot('bookings');
      await page.getByRole('link', { name: 'Knowledge' }).click();
      await page.getByText('Do you take insurance?').waitFor();
      await shot('knowledge');
    });

    it('asks the receptionist and shows the answer with the entry it came from', async () => {
      const ask = page.getByRole('form', { name: 'Ask the receptionist' });
      await ask.getByLabel('Question').fill('Is there parking?');
      await ask.getByRole('button', { name: 'Ask' }).click();
      const answer = ask.getByRole('status');
      await answer.getByText('free parking behind the building').waitFor();
      // Asked in other words: the source is the entry about the address.
      expect(await answer.locator('.sources li').allTextContents()).toEqual([
        'Where are you located?',
      ]);
      await shot('knowledge-ask');
    });

    it('marks a visit that has begun as a no-show through the booking workflow', async () => {
      const service = `Filling (${width} px)`;
      // A visit that has begun, in an hour free of the stack's other bookings (the seeded one
      // holds this week's Wednesday 10:00-11:00 UTC, the other width's its own half hour).
      const insertBegun = async (ago: number): Promise<{ id: string }> => {
        const begun = new Date(Date.now() - ago);
        try {
          return await insertBooking(stack.db, stack.tenantId, {
            service,
            status: 'confirmed',
            startsAt: begun,
            endsAt: new Date(begun.getTime() + 1_800_000),
          });
        } catch (err) {
          if (!(err instanceof SlotTakenError) || ago > 24 * 3_600_000) throw err;
          return insertBegun(ago + 35 * 60_000);
        }
      };
      const booking = await insertBegun((width === 360 ? 65 : 5) * 60_000);
      await stack.followBooking(booking.id);
      // From another page: the calendar reads the bookings again when it opens.
      await page.getByRole('link', { name: 'Today' }).click();
      await page.getByRole('link', { name: 'Bookings' }).click();
      const card = page.locator('.booking', { hasText: service });
      await card.locator('button.link').click();
      await card.getByRole('button', { name: 'No-show' }).click();
      await page.getByRole('status').getByText('Marked as a no-show').waitFor();
      expect(await stack.signals(booking.id)).toEqual([
        { name: 'attendance', arg: { tenantId: stack.tenantId, attended: false } },
      ]);
    });

    it('shows a call in progress and its transcript growing as the caller speaks', async () => {
      const caller = width === 360 ? '+14155550177' : '+14155550188';
      await page.getByRole('link', { name: 'Live' }).click();
      await page.getByText('Connected: new lines appear').waitFor();
      // The terminal phone plays Twilio: signed webhooks, then the ConversationRelay socket;
      // what it reads on stdin is what the caller says.
      const phone = spawn(
        process.execPath,
        [
          PHONE,
          '--url',
          stack.baseUrl,
          '--public-url',
          stack.baseUrl,
          '--token',
          TWILIO_TOKEN,
          '--from',
          caller,
        ],
        {
          env: { PATH: process.env.PATH, DATABASE_URL: stack.databaseUrl },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let output = '';
      phone.stdout.on('data', (c: Buffer) => (output += c.toString()));
      phone.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise((r) => phone.once('exit', r));
      try {
        const call = page.getByRole('article', { name: `Call from ${caller}` });
        await call.waitFor({ timeout: 20_000 });
        await waitFor(async () => output.includes('you>'), 20_000, `the phone to ask: ${output}`);
        expect(await call.locator('.turn').count()).toBe(0);
        phone.stdin.write('Hi, do you take Delta Dental insurance?\n');
        await call.locator('.turn-caller', { hasText: 'do you take Delta Dental' }).waitFor();
        await call.locator('.turn-agent', { hasText: 'Delta Dental' }).waitFor();
        await shot('live');
      } finally {
        phone.stdin.end();
        await exited;
      }
      // Hung up: the call leaves the live list.
      await page
        .getByRole('article', { name: `Call from ${caller}` })
        .waitFor({ state: 'detached' });
    });

    it("shows the business's phone numbers and its API keys, never their secrets", async () => {
      await page.getByRole('link', { name: 'Numbers' }).click();
      await page.getByText('+14155550100').waitFor();
      // A business's own key sees its numbers; assigning them is the agency's.
      expect(await page.getByRole('button', { name: 'Assign' }).count()).toBe(0);
      await shot('numbers');
      await page.getByRole('link', { name: 'API keys' }).click();
      const admin = page.locator('tr', { hasText: 'front desk admin' });
      await admin.waitFor();
      expect(await admin.textContent()).toContain(`${stack.adminKey.slice(0, 16)}_…`);
      expect(await page.content()).not.toContain(stack.adminKey.slice(17));
      await shot('keys');
    });

    it('chats with the receptionist in Try it', async () => {
      await page.getByRole('link', { name: 'Try it' }).click();
      await page.getByLabel('Message').fill('Where are you located?');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('250 Market Street').waitFor();
      await shot('try-it');
    });
  });
}

/** A fresh 1280-wide browser context, signed in with the business's admin key. */
async function signedIn() {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/console/`);
  await page.getByLabel('API key (admin or viewer)').fill(stack.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

const OTHER_DAYS = /Monday|Tuesday|Wednesday|Thursday|Friday|Saturday/;

describe('hours edited in Settings', () => {
  it('are the hours the receptionist then offers in Try it', { timeout: 90_000 }, async () => {
    const { context, page } = await signedIn();
    await page.getByRole('link', { name: 'Settings' }).click();
    // Closed on Sundays until now: open 10 to 1.
    const sunday = page.locator('input[name="hours-sun"]');
    await sunday.waitFor();
    expect(await sunday.inputValue()).toBe('');
    await sunday.fill('10:00-13:00');
    // No payment provider runs in this stack, so bookings here go without a deposit.
    await page.getByLabel('Ask for a deposit to hold a booking').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const { rows } = await stack.db.query(
      'SELECT business_hours, deposit_required FROM tenants WHERE id = $1',
      [stack.tenantId],
    );
    expect(rows[0].business_hours.sun).toEqual([{ open: '10:00', close: '13:00' }]);
    expect(rows[0].deposit_required).toBe(false);

    await page.getByRole('link', { name: 'Try it' }).click();
    // The agent keeps a business's profile up to 35 s (5 s in process, 30 s in Redis), so the
    // question is asked again, on a new conversation each time, until the new hours reach it.
    let offered = '';
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      await page.getByRole('button', { name: 'New conversation' }).click();
      await page.getByLabel('Message').fill('Can I book a cleaning on Sunday?');
      await page.getByRole('button', { name: 'Send' }).click();
      const reply = page.locator('.turn-agent .text').last();
      await reply.waitFor();
      offered = (await reply.textContent()) ?? '';
      if (/I can offer/.test(offered) && !OTHER_DAYS.test(offered)) break;
      await new Promise((r) => setTimeout(r, 3_000));
    }
    expect(offered).toMatch(/I can offer/);
    // Every time offered is on the Sunday, within the new hours (a 60-minute cleaning: 10 to 12).
    const times = [...offered.matchAll(/\b(\d{1,2})(?::(\d\d))? ([AP]M)\b/g)].map(
      ([, h, m, ap]) => ((Number(h) % 12) + (ap === 'PM' ? 12 : 0)) * 60 + Number(m ?? 0),
    );
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t >= 600 && t <= 720, offered).toBe(true);
    expect(offered).toMatch(/Sunday/);
    expect(offered).not.toMatch(OTHER_DAYS);
    await capture(page, '1280-try-it-new-hours');
    await context.close();
  });
});

describe('try it books', () => {
  // After the Settings test above: no deposit, since no payment provider runs in this stack.
  it('books by chat, through the booking workflow, and the booking is in Bookings', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('link', { name: 'Try it' }).click();
    const say = async (text: string) => {
      const before = await page.locator('.turn-agent').count();
      await page.getByLabel('Message').fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      const reply = page.locator('.turn-agent .text').nth(before);
      await reply.waitFor({ timeout: 30_000 });
      return (await reply.textContent()) ?? '';
    };
    let reply = await say("I'd like to book teeth whitening on Friday at 11 AM");
    const said = [reply];
    for (let i = 0; i < 4 && !/You're all set|You're booked/.test(reply); i++) {
      reply = await say(/your name/i.test(reply) ? 'Grace Hopper' : 'Yes');
      said.push(reply);
    }
    expect(said.join('\n')).toMatch(/Shall I book that\?/);
    // The receptionist names the day as the caller would: "tomorrow" when Friday is tomorrow in
    // the business's zone, "today" (or the next Friday) when it is today.
    const { rows: zone } = await stack.db.query('SELECT timezone FROM tenants WHERE id = $1', [
      stack.tenantId,
    ]);
    const weekday = (d: Date) =>
      new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: zone[0].timezone }).format(d);
    const friday =
      weekday(new Date()) === 'Friday'
        ? /You're all set for (today|Friday)/
        : weekday(new Date(Date.now() + 86_400_000)) === 'Friday'
          ? /You're all set for tomorrow/
          : /You're all set for Friday/;
    expect(reply, said.join('\n')).toMatch(friday);
    await capture(page, '1280-try-it-booked');
    const { rows } = await stack.db.query(
      "SELECT starts_at, status, attendee_name FROM bookings WHERE tenant_id = $1 AND service = 'Teeth whitening'",
      [stack.tenantId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'confirmed', attendee_name: 'Grace Hopper' });

    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.getByRole('button', { name: 'Next week →' }).waitFor();
    // The calendar opens on this week; a Friday already past this week is on the next.
    const card = page.locator('.booking', { hasText: 'Teeth whitening' });
    for (let weeks = 0; weeks < 2 && !(await card.count()); weeks++) {
      await card.waitFor({ timeout: 3_000 }).catch(async () => {
        await page.getByRole('button', { name: 'Next week →' }).click();
      });
    }
    await card.waitFor();
    expect(await card.textContent()).toContain('confirmed');
    await capture(page, '1280-bookings-from-try-it');
    await context.close();
  });
});

describe('the agency (a platform key)', () => {
  let page: Page;

  beforeAll(async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto(`${stack.baseUrl}/console/`);
    await page.getByLabel('API key (admin or viewer)').fill(stack.platformKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    // The agency sees every business; start on the demo one.
    await page.getByLabel('Business').selectOption(stack.tenantId);
  });

  it("lists the businesses with today's figures and switches between them", async () => {
    await page.getByRole('link', { name: 'Businesses' }).click();
    const demo = page.locator('tr', { hasText: 'Bright Smile Dental' });
    await demo.getByText('current').waitFor();
    const { rows } = await stack.db.query(
      'SELECT count(*)::int AS n FROM calls WHERE tenant_id = $1',
      [stack.tenantId],
    );
    expect(await demo.locator('td').nth(1).textContent()).toBe(String(rows[0].n));
    await capture(page, '1280-businesses');
    await page.getByRole('button', { name: 'Switch to Harbor Physio' }).click();
    expect(await page.getByLabel('Business').inputValue()).toBe(stack.otherTenantId);
    await page.locator('tr', { hasText: 'Harbor Physio' }).getByText('current').waitFor();
    await page.getByRole('link', { name: 'Knowledge' }).click();
    // Harbor Physio has no entries; the demo business's FAQ is not shown for it.
    await page.getByRole('heading', { name: 'Knowledge' }).waitFor();
    await page.getByText('Loading…').waitFor({ state: 'detached' });
    expect(await page.getByText('Do you take insurance?').count()).toBe(0);
    await page.getByLabel('Business').selectOption(stack.tenantId);
    await page.getByText('Do you take insurance?').waitFor();
  });

  it('assigns a phone number to the business and releases it', async () => {
    await page.getByRole('link', { name: 'Numbers' }).click();
    await page.getByText('+14155550100').waitFor();
    await page.getByLabel('Number (E.164)').fill('+14155550199');
    await page.getByLabel('Label').fill('after hours');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('+14155550199').waitFor();
    const numbers = () =>
      stack.db
        .query('SELECT e164 FROM phone_numbers WHERE tenant_id = $1 ORDER BY e164', [
          stack.tenantId,
        ])
        .then((r) => r.rows.map((x) => x.e164));
    expect(await numbers()).toContain('+14155550199');
    await capture(page, '1280-numbers');
    await page.getByRole('button', { name: 'Release +14155550199' }).click();
    await page.getByText('+14155550199').waitFor({ state: 'detached' });
    expect(await numbers()).not.toContain('+14155550199');
  });

  it('creates a key whose secret is shown once, and revokes it', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Front desk tablet');
    await page.getByLabel('For').selectOption(stack.tenantId);
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.locator('code.secret').textContent()) ?? '';
    expect(secret).toMatch(/^rcp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await capture(page, '1280-keys');
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.locator('tr', { hasText: 'Front desk tablet' });
    await row.waitFor();
    // Only the prefix is listed; the secret is nowhere on the page any more.
    expect(await row.textContent()).toContain(`${secret.slice(0, 16)}_…`);
    expect(await page.content()).not.toContain(secret.slice(17));
    const signIn = (key: string) =>
      fetch(`${stack.baseUrl}/console/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key }),
      });
    const who = await signIn(secret);
    expect(who.status).toBe(201);
    expect(await who.json()).toMatchObject({ tenantId: stack.tenantId, role: 'viewer' });
    await row.getByRole('button', { name: 'Revoke Front desk tablet' }).click();
    await row.getByText('revoked').waitFor();
    expect((await signIn(secret)).status).toBe(401);
  });
});

describe('per-user invite links', () => {
  it('signs a person in once by their link, with a key of their own in an httpOnly cookie', async () => {
    const { context: admin, page } = await signedIn();
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Their name').fill('Dana at the desk');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const link = (await page.locator('code.invite-link').textContent()) ?? '';
    expect(link).toMatch(/\/console\/invite#[A-Za-z0-9_-]{43}$/);

    const guest = await browser.newContext({
      viewport: { width: 360, height: 800 },
      bypassCSP: true,
    });
    const dana = await guest.newPage();
    await dana.goto(link);
    await capture(dana, '360-invite');
    await dana.getByRole('button', { name: 'Accept invitation' }).click();
    await dana.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await dana.getByText('Dana at the desk (viewer)').waitFor();
    const cookie = (await guest.cookies()).find((c) => c.name === 'rcp_console')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    // The token is spent: the same link signs no one in again.
    const again = await browser.newContext({ bypassCSP: true });
    const other = await again.newPage();
    await other.goto(link);
    await other.getByRole('button', { name: 'Accept invitation' }).click();
    await other.getByRole('alert').getByText('the invite is unknown, used or expired').waitFor();
    const { rows } = await stack.db.query(
      `SELECT k.name, k.role, i.redeemed_at IS NOT NULL AS redeemed FROM console_invites i
         JOIN api_keys k ON k.id = i.api_key_id WHERE i.tenant_id = $1`,
      [stack.tenantId],
    );
    expect(rows).toEqual([{ name: 'Dana at the desk', role: 'viewer', redeemed: true }]);
    await Promise.all([admin.close(), guest.close(), again.close()]);
  });
});
