import { describe, expect, it } from 'vitest';
import { ImportError, parseCsvFaq, parseMarkdownFaq } from './knowledge-import.ts';

describe('Markdown FAQ import', () => {
  it('reads headings as questions, skipping titles and sections', () => {
    const md =
      '# FAQ\nIntro is ignored? no: it belongs to the title.\n\n## Billing\n### Do you take cards?\nYes.\n\n### Payment plans?\nAsk us,\nwe can help.\n';
    // The title has text under it, so it is an entry; the Billing section is not.
    expect(parseMarkdownFaq(md)).toEqual([
      { question: 'FAQ', answer: 'Intro is ignored? no: it belongs to the title.' },
      { question: 'Do you take cards?', answer: 'Yes.' },
      { question: 'Payment plans?', answer: 'Ask us,\nwe can help.' },
    ]);
  });

  it('reports a question without an answer by line', () => {
    try {
      parseMarkdownFaq('## One?\nYes.\n## Two?\n\n## Three?\nNo.');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).problems).toEqual([{ line: 3, message: 'the answer is empty' }]);
    }
  });

  it('refuses a document with no questions', () => {
    expect(() => parseMarkdownFaq('just text')).toThrow(ImportError);
  });
});

describe('CSV FAQ import', () => {
  it('handles quotes, escaped quotes, embedded newlines, CRLF, BOM and tags', () => {
    const csv =
      '\uFEFFAnswer,Question,Tags\r\n"Yes, ""always""\non time",Punctual?,a|b\r\nNo,Open Sundays?,\r\n\r\n';
    expect(parseCsvFaq(csv)).toEqual([
      { question: 'Punctual?', answer: 'Yes, "always"\non time', tags: ['a', 'b'] },
      { question: 'Open Sundays?', answer: 'No', tags: [] },
    ]);
  });

  it('needs question and answer columns and closed quotes', () => {
    expect(() => parseCsvFaq('q,a\nx,y')).toThrow(ImportError);
    expect(() => parseCsvFaq('question,answer\n"open,y')).toThrow(ImportError);
  });
});
