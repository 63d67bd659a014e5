import { describe, expect, it } from 'vitest';
import { renderReport, reportSettings, type ReportFigures } from './reports.ts';

const figures = (over: Partial<ReportFigures> = {}): ReportFigures => ({
  calls: 12,
  answeredByAgent: 9,
  transferred: 2,
  missed: 1,
  bookings: 5,
  deposits: 2,
  depositsMinor: 5000,
  noShows: 1,
  openEscalations: 1,
  ...over,
});

describe('reports', () => {
  it('defaults to a daily and a weekly report at 19:00', () => {
    expect(reportSettings({})).toMatchObject({ daily: true, weekly: true, sendAt: '19:00' });
    expect(reportSettings({ reports: { sendAt: '25:00' } }).sendAt).toBe('19:00');
  });

  it('writes the day’s numbers as text and HTML, the business name escaped', () => {
    const r = renderReport({
      tenantName: 'Smile <&> Co',
      period: 'daily',
      fromDate: '2026-12-01',
      toDate: '2026-12-01',
      currency: 'USD',
      figures: figures(),
      previous: null,
    });
    expect(r.subject).toBe('Smile <&> Co: daily report, 2026-12-01');
    expect(r.text).toContain('Calls: 12\nHandled by the assistant: 9\nTransferred to staff: 2');
    expect(r.text).toContain('Deposits paid: 2 ($50.00)');
    expect(r.html).toContain('<h2>Smile &#60;&#38;&#62; Co: daily report, 2026-12-01</h2>');
    expect(r.html).not.toContain('<&>');
  });

  it('compares the week with the week before', () => {
    const r = renderReport({
      tenantName: 'Bright Smile',
      period: 'weekly',
      fromDate: '2026-11-25',
      toDate: '2026-12-01',
      currency: 'USD',
      figures: figures({ calls: 40, missed: 3 }),
      previous: figures({ calls: 32, missed: 3 }),
    });
    expect(r.text).toContain('Calls: 40, +8 vs the week before (32)');
    expect(r.text).toContain('Missed calls: 3, same as the week before');
    expect(r.slack).toContain('• Calls: 40 (+8 vs the week before (32))');
  });
});
