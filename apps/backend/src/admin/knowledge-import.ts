import type { NewKnowledgeEntry } from '@receptionist/db';

export class ImportError extends Error {
  readonly problems: { line: number; message: string }[];
  constructor(problems: { line: number; message: string }[]) {
    super('the import has problems');
    this.name = 'ImportError';
    this.problems = problems;
  }
}

/**
 * Markdown FAQ: every heading is a question and the text below it, up to the next heading, is
 * its answer. Text before the first heading is ignored, and so is a heading with nothing under
 * it but deeper headings (a title or a section such as "# FAQ" or "## Billing").
 */
export function parseMarkdownFaq(content: string): NewKnowledgeEntry[] {
  const sections: { level: number; question: string; answer: string[]; line: number }[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      sections.push({
        level: heading[1]!.length,
        question: heading[2]!.trim(),
        answer: [],
        line: i + 1,
      });
    } else {
      sections[sections.length - 1]?.answer.push(raw);
    }
  });
  const entries = sections
    .map((s) => ({
      question: s.question,
      answer: s.answer.join('\n').trim(),
      line: s.line,
      level: s.level,
    }))
    .filter((s, i, all) => s.answer !== '' || !(all[i + 1] && all[i + 1]!.level > s.level))
    .map(({ level: _level, ...e }) => e);
  return check(entries);
}

/** RFC 4180 CSV with a header naming `question`, `answer` and optionally `tags` (split on ; or |). */
export function parseCsvFaq(content: string): NewKnowledgeEntry[] {
  const rows = parseCsv(content.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (!header) throw new ImportError([{ line: 1, message: 'the CSV is empty' }]);
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const qi = names.indexOf('question');
  const ai = names.indexOf('answer');
  const ti = names.indexOf('tags');
  if (qi < 0 || ai < 0) {
    throw new ImportError([
      { line: 1, message: 'the header must name question and answer columns' },
    ]);
  }
  const entries = rows
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({
      question: (r.cells[qi] ?? '').trim(),
      answer: (r.cells[ai] ?? '').trim(),
      tags:
        ti >= 0
          ? (r.cells[ti] ?? '')
              .split(/[;|]/)
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
      line: r.line,
    }));
  return check(entries);
}

function check(entries: (NewKnowledgeEntry & { line: number })[]): NewKnowledgeEntry[] {
  const problems: { line: number; message: string }[] = [];
  for (const e of entries) {
    if (!e.question) problems.push({ line: e.line, message: 'the question is empty' });
    else if (e.question.length > 1_000)
      problems.push({ line: e.line, message: 'question too long' });
    if (!e.answer) problems.push({ line: e.line, message: 'the answer is empty' });
    else if (e.answer.length > 8_000) problems.push({ line: e.line, message: 'answer too long' });
    if ((e.tags?.length ?? 0) > 20) problems.push({ line: e.line, message: 'more than 20 tags' });
  }
  if (entries.length === 0) problems.push({ line: 1, message: 'no questions found' });
  if (problems.length) throw new ImportError(problems.slice(0, 50));
  return entries.map(({ line: _line, ...e }) => e);
}

function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new ImportError([{ line: rowLine, message: 'unterminated quoted field' }]);
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}
