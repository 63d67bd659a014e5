// Finding 3: the Markdown FAQ import's heading regex backtracked cubically, so one pasted line
// froze the backend for every tenant. The attack runs against the backend as its own process:
// were it still vulnerable, the request would time out here instead of freezing the test.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackendProcess } from '../../test/backend-process.ts';

let tenant: { tenantId: string; authorization: string };

const backend = useBackendProcess();
beforeAll(async () => {
  tenant = await backend.tenantAdmin();
}, 60_000);

// What made the old pattern backtrack: a heading, a long run of blanks, a carriage return.
const adversarial = (length: number) => `# a${' '.repeat(length - 5)}\rx`;
const importMarkdown = (content: string) =>
  backend.admin(
    'POST',
    `/tenants/${tenant.tenantId}/knowledge/import`,
    tenant.authorization,
    { format: 'markdown', content },
    10_000,
  );

describe('attack: FAQ import with a pathological heading', () => {
  it('refuses a 20,000-character adversarial line at once, with a machine-readable 400', async () => {
    const started = performance.now();
    const res = await importMarkdown(`${adversarial(20_000)}\nThe answer.`);
    const ms = performance.now() - started;
    console.log(`20,000-character adversarial line answered in ${ms.toFixed(0)} ms`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'import_line_too_long',
      details: {
        limits: { maxLineChars: 10_000, maxEntries: 2_000 },
        problems: [{ line: 1, message: 'line of 20000 characters' }],
      },
    });
    expect(ms).toBeLessThan(5_000);
  });

  it('reads a 10,000-character adversarial heading (the longest line allowed) linearly', async () => {
    // The old code needed minutes for this line; now it is read and reported like any other.
    const started = performance.now();
    const res = await importMarkdown(`${adversarial(10_000)}\nThe answer.`);
    const ms = performance.now() - started;
    console.log(`10,000-character adversarial heading answered in ${ms.toFixed(0)} ms`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'import_invalid',
      details: [{ line: 1, message: 'question too long' }],
    });
    expect(ms).toBeLessThan(5_000);
  });

  it('still imports an ordinary FAQ, and refuses too many entries with import_too_large', async () => {
    const ok = await importMarkdown(
      '# FAQ\n## Open Sundays? ##\nNo.\n## Parking?\nBehind the shop.',
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ imported: 2, deleted: 0 });
    const many = Array.from({ length: 2_001 }, (_, i) => `## Q${i}?\nA.`).join('\n');
    const res = await importMarkdown(many);
    expect(res.status).toBe(400);
    expect((res.body.error as { code: string }).code).toBe('import_too_large');
    // Nothing of the refused import was stored.
    const list = await backend.admin(
      'GET',
      `/tenants/${tenant.tenantId}/knowledge?limit=100`,
      tenant.authorization,
    );
    expect((list.body.items as unknown[]).length).toBe(2);
  });

  it('answers health while refusing oversized bodies with 4xx, never 5xx', async () => {
    const huge = await importMarkdown('#'.repeat(900_001));
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect((await fetch(`${backend.baseUrl}/health`)).status).toBeLessThan(500);
  });
});
