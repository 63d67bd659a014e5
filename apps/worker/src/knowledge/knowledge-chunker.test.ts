import { describe, expect, it } from 'vitest';
import { chunkDocument, htmlToText } from './knowledge-chunker.ts';

describe('knowledge chunker', () => {
  it('starts a chunk at each heading and keeps the heading path', () => {
    const md =
      '# Salon\n\nWelcome.\n\n## Prices\n\nCuts are 30 EUR.\nColour 60 EUR.\n\n### Kids\n\nHalf price.';
    const chunks = chunkDocument('markdown', md, 'guide.md');
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      ['Salon', 'Welcome.'],
      ['Salon › Prices', 'Cuts are 30 EUR. Colour 60 EUR.'],
      ['Salon › Prices › Kids', 'Half price.'],
    ]);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('packs paragraphs up to the bound and cuts a long paragraph at word boundaries', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkDocument('text', `short one\n\n${words}`, 'notes.txt', 200);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(200);
      expect(c.heading).toBe('notes.txt');
    }
    // No word is split and none is lost.
    const all = chunks.flatMap((c) => c.text.split(/\s+/));
    expect(all).toEqual(['short', 'one', ...words.split(' ')]);
  });

  it('treats # lines of plain text as text, not headings', () => {
    const chunks = chunkDocument('text', '# not a heading\nbody', 'a.txt');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toBe('# not a heading body');
  });

  it('reads HTML headings and blocks, dropping scripts, styles and comments', () => {
    const html =
      '<html><head><title>x</title><style>p{}</style></head><body><h1>Opening hours</h1>' +
      '<p>Mon&ndash;Fri 9&nbsp;to 5 &amp; Sat</p><script>alert(1)</script><!-- hidden -->' +
      '<h2 class="x">Parking</h2><div>Free <b>behind</b> the shop</div></body></html>';
    expect(htmlToText(html)).not.toContain('alert');
    const chunks = chunkDocument('html', html, 'site.html');
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      ['Opening hours', 'Mon&ndash;Fri 9 to 5 & Sat'],
      ['Opening hours › Parking', 'Free behind the shop'],
    ]);
  });

  it('gives equal content equal hashes and changed content a new one', () => {
    const a = chunkDocument('markdown', '# A\n\none\n\n# B\n\ntwo', 't');
    const b = chunkDocument('markdown', '# A\n\none\n\n# B\n\ntwo, changed', 't');
    expect(a[0]!.hash).toBe(b[0]!.hash);
    expect(a[1]!.hash).not.toBe(b[1]!.hash);
  });

  it('stays linear on hostile input', () => {
    const hostile = [
      '#'.repeat(6) + ' '.repeat(200_000) + 'x',
      '<'.repeat(300_000),
      '&'.repeat(300_000) + ';',
      '<p>'.repeat(100_000),
      ' '.repeat(500_000) + 'y',
    ];
    for (const doc of hostile) {
      const started = performance.now();
      chunkDocument('html', doc, 'h');
      chunkDocument('markdown', doc, 'h');
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
