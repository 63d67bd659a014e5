import { describe, expect, it } from 'vitest';
import {
  IMPORT_LIMITS,
  ImportError,
  ImportLimitError,
  parseCsvFaq,
  parseMarkdownFaq,
  readHeading,
} from './knowledge-import.ts';

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

  it('reads ATX headings like CommonMark, closing hashes and all', () => {
    expect(readHeading('## Open late? ##')).toEqual({ level: 2, text: 'Open late?' });
    expect(readHeading('#\tTabbed   ')).toEqual({ level: 1, text: 'Tabbed' });
    expect(readHeading('### Do you teach C#?')).toEqual({ level: 3, text: 'Do you teach C#?' });
    expect(readHeading('# ###')).toEqual({ level: 1, text: '' });
    expect(readHeading('#hashtag')).toBeNull();
    expect(readHeading('####### seven')).toBeNull();
    expect(readHeading('plain')).toBeNull();
  });

  it('reads a long line of blanks in linear time (the old regex took seconds at 3,200)', () => {
    // The attack on the old pattern: a heading, thousands of blanks, then a carriage return.
    const line = `# a${' '.repeat(IMPORT_LIMITS.maxLineChars - 5)}\rx`;
    const started = performance.now();
    let problems: unknown;
    try {
      parseMarkdownFaq(`${line}\nThe answer.`);
    } catch (err) {
      problems = (err as ImportError).problems;
    }
    const huge = readHeading(`## b${' '.repeat(200_000)}\rx`);
    const ms = performance.now() - started;
    console.log(
      `adversarial headings of 10,000 and 200,000 characters read in ${ms.toFixed(1)} ms`,
    );
    expect(problems).toEqual([{ line: 1, message: 'question too long' }]);
    expect(huge?.level).toBe(2);
    expect(huge?.text).toHaveLength(200_003);
    expect(ms).toBeLessThan(500);
  });

  it('refuses an over-long line, too many entries and an oversized document, by limit', () => {
    const long = () => parseMarkdownFaq(`# Q?\n${'x'.repeat(20_000)}`);
    expect(long).toThrow(ImportLimitError);
    try {
      long();
    } catch (err) {
      expect((err as ImportLimitError).code).toBe('import_line_too_long');
      expect((err as ImportLimitError).problems).toEqual([
        { line: 2, message: 'line of 20000 characters' },
      ]);
    }
    const many = Array.from({ length: IMPORT_LIMITS.maxEntries + 1 }, (_, i) => `# Q${i}?\nA.`);
    expect(() => parseMarkdownFaq(many.join('\n'))).toThrow(
      expect.objectContaining({ code: 'import_too_large' }),
    );
    expect(() => parseMarkdownFaq('#'.repeat(IMPORT_LIMITS.maxContentChars + 1))).toThrow(
      expect.objectContaining({ code: 'import_too_large' }),
    );
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
