import type { NewKnowledgeEntry } from '@receptionist/db';

export class ImportError extends Error {
  readonly problems: { line: number; message: string }[];
  constructor(problems: { line: number; message: string }[]) {
    super('the import has problems');
    this.name = 'ImportError';
    this.problems = problems;
  }
}

/** Limits of one import, so a pasted document cannot occupy the backend (each is a 4xx). */
export const IMPORT_LIMITS = {
  /** Characters of the whole document (the request schema refuses more, 413 above the body cap). */
  maxContentChars: 900_000,
  /** Characters of one Markdown line: longer than the longest answer can never be valid. */
  maxLineChars: 10_000,
  /** Entries of one import. */
  maxEntries: 2_000,
} as const;

/** Why a whole import is refused before it is read (HTTP 400 with this code). */
export class ImportLimitError extends Error {
  readonly code: 'import_too_large' | 'import_line_too_long';
  readonly problems: { line: number; message: string }[];
  constructor(
    code: 'import_too_large' | 'import_line_too_long',
    message: string,
    problems: { line: number; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ImportLimitError';
    this.code = code;
    this.problems = problems;
  }
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 11 || c === 12 || c === 13;

/**
 * An ATX heading (`## Question? ##`): 1-6 `#`, then a space or tab (or nothing), the text, an
 * optional closing run of `#` preceded by a space. Read with index scans, never a regex: the old
 * pattern backtracked cubically on long lines of blanks (a 3,200-character line took seconds).
 */
export function readHeading(line: string): { level: number; text: string } | null {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 35) level++;
  if (level < 1 || level > 6) return null;
  if (level < line.length && !isBlank(line.charCodeAt(level))) return null;
  let start = level;
  let end = line.length;
  while (start < end && isBlank(line.charCodeAt(start))) start++;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  // A closing sequence counts only when blanks (or the opening) come before it, so "C#" stays.
  let hashes = end;
  while (hashes > start && line.charCodeAt(hashes - 1) === 35) hashes--;
  if (hashes < end && (hashes === start || isBlank(line.charCodeAt(hashes - 1)))) {
    end = hashes;
    while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  }
  return { level, text: line.slice(start, end) };
}

/**
 * Markdown FAQ: every heading is a question and the text below it, up to the next heading, is
 * its answer. Text before the first heading is ignored, and so is a heading with nothing under
 * it but deeper headings (a title or a section such as "# FAQ" or "## Billing").
 */
export function parseMarkdownFaq(content: string): NewKnowledgeEntry[] {
  if (content.length > IMPORT_LIMITS.maxContentChars)
    throw new ImportLimitError(
      'import_too_large',
      `at most ${IMPORT_LIMITS.maxContentChars} characters per import`,
    );
  const sections: { level: number; question: string; answer: string[]; line: number }[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (raw.length > IMPORT_LIMITS.maxLineChars)
      throw new ImportLimitError(
        'import_line_too_long',
        `lines are at most ${IMPORT_LIMITS.maxLineChars} characters`,
        [{ line: i + 1, message: `line of ${raw.length} characters` }],
      );
    const heading = readHeading(raw);
    if (heading) {
      if (sections.length >= IMPORT_LIMITS.maxEntries * 2)
        throw new ImportLimitError(
          'import_too_large',
          `at most ${IMPORT_LIMITS.maxEntries} entries per import`,
        );
      sections.push({ level: heading.level, question: heading.text, answer: [], line: i + 1 });
    } else {
      sections[sections.length - 1]?.answer.push(raw);
    }
  }
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
  if (entries.length > IMPORT_LIMITS.maxEntries)
    throw new ImportLimitError(
      'import_too_large',
      `at most ${IMPORT_LIMITS.maxEntries} entries per import`,
    );
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
