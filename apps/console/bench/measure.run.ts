// The console's load figures on this machine: JavaScript shipped (gzipped), the first page
// interactive from a cold browser, and scrolling a list of 10,000 calls paged by the API's
// cursors. Prints them; the thresholds of the issue are printed next to each figure.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, startConsoleStack, type ConsoleStack } from '../test/console-stack.ts';

const DIST = fileURLToPath(new URL('../dist/assets/', import.meta.url));
const CALLS = 10_000;
let stack: ConsoleStack;
const figures: string[] = [];
const note = (line: string) => figures.push(line);

beforeAll(async () => {
  stack = await startConsoleStack();
  // 10,000 finished calls over the last 30 days, one insert.
  await stack.db.query(
    `INSERT INTO calls (tenant_id, call_sid, from_number, to_number, status, outcome, started_at,
                        created_at, duration_seconds)
     SELECT $1, 'CA' || md5(g::text), '+1415555' || lpad((g % 10000)::text, 4, '0'), '+14155550100',
            'completed', 'question_answered', now() - g * interval '259 seconds',
            now() - g * interval '259 seconds', 30 + g % 300
       FROM generate_series(1, $2) g`,
    [stack.tenantId, CALLS],
  );
});
afterAll(async () => {
  await stack?.close();
  process.stdout.write(`\nconsole figures\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
});

async function signedInContext(browser: Awaited<ReturnType<typeof launchChromium>>) {
  const res = await fetch(`${stack.baseUrl}/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: stack.adminKey }),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const url = new URL(stack.baseUrl);
  await context.addCookies(
    res.headers.getSetCookie().map((c) => {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      return {
        name: pair!.slice(0, eq),
        value: pair!.slice(eq + 1),
        domain: url.hostname,
        path: '/console',
      };
    }),
  );
  return context;
}

it('ships little JavaScript', () => {
  const js = readdirSync(DIST).filter((f) => f.endsWith('.js'));
  const raw = js.reduce((s, f) => s + readFileSync(`${DIST}${f}`).length, 0);
  const gz = js.reduce((s, f) => s + gzipSync(readFileSync(`${DIST}${f}`), { level: 9 }).length, 0);
  note(
    `JavaScript: ${(gz / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw, ${js.length} file(s)); limit 250 KB`,
  );
  expect(gz).toBeLessThan(250 * 1024);
});

it('shows Today, figures loaded, from a cold browser', async () => {
  const runs: { ready: number; dcl: number }[] = [];
  for (let i = 0; i < 3; i++) {
    // A new browser process each time: empty memory and disk caches.
    const browser = await launchChromium();
    try {
      const context = await signedInContext(browser);
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${stack.baseUrl}/console/`);
      await page.locator('.card-value').first().waitFor();
      const ready = Date.now() - t0;
      const dcl = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return Math.round(n.domContentLoadedEventEnd);
      });
      runs.push({ ready, dcl });
    } finally {
      await browser.close();
    }
  }
  runs.sort((a, b) => a.ready - b.ready);
  const median = runs[1]!;
  note(
    `first page interactive (Today with its figures), cold browser: median ${median.ready} ms of ${runs.map((r) => r.ready).join(', ')} ms; DOMContentLoaded ${median.dcl} ms; limit 1500 ms`,
  );
});

it('scrolls 10,000 calls, paged by cursors, and reports the longest frame', async () => {
  const browser = await launchChromium();
  try {
    const context = await signedInContext(browser);
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/console/calls`);
    await page.locator('table.list tbody tr').first().waitFor();
    // Frame gaps as the page sees them while the test scrolls to the end again and again.
    await page.evaluate(() => {
      const w = window as unknown as { gaps: number[] };
      w.gaps = [];
      let last = performance.now();
      const tick = (t: number) => {
        w.gaps.push(t - last);
        last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const t0 = Date.now();
    const more = page.getByRole('button', { name: 'Load more' });
    // Scrolls until the last cursor page is in (no "Load more" left), as a reader would.
    while (Date.now() - t0 < 240_000 && (await more.count()) > 0) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(30);
    }
    const rows = Number(await page.locator('table.call-rows').getAttribute('data-rows'));
    const inDom = await page.locator('table.call-rows tbody tr').count();
    const took = Date.now() - t0;
    const gaps = await page.evaluate(() => (window as unknown as { gaps: number[] }).gaps);
    gaps.sort((a, b) => a - b);
    const p = (q: number) => Math.round(gaps[Math.floor((gaps.length - 1) * q)]!);
    const over = gaps.filter((g) => g > 100).length;
    note(
      `scrolling the calls list to ${rows} rows (${Math.ceil(rows / 100)} pages of 100; ${inDom} rows in the DOM at the end): ${(took / 1000).toFixed(1)} s; frame gaps p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms; ${over} of ${gaps.length} frames over 100 ms`,
    );
    expect(rows).toBeGreaterThanOrEqual(CALLS);
    expect(inDom).toBeLessThan(200);
  } finally {
    await browser.close();
  }
});
