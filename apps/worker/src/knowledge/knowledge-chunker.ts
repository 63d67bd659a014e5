import { createHash } from 'node:crypto';

/**
 * Splits an uploaded document (Markdown, HTML or plain text) into bounded chunks that become
 * knowledge entries. Every step is a single index scan over the text, never a regex with
 * alternation or nested quantifiers, so a hostile upload costs time linear in its size.
 */
export type DocumentFormat = 'markdown' | 'html' | 'text';

export interface Chunk {
  /** Position in the document, from 0. */
  index: number;
  /** The nearest heading path ("Billing › Refunds"), or the source title when there is none. */
  heading: string;
  text: string;
  /** sha256 of heading and text: a re-ingest rewrites only chunks whose hash changed. */
  hash: string;
}

export const CHUNK_LIMITS = {
  /** Characters of one chunk's text (knowledge answers are at most 8,000). */
  maxChunkChars: 1_500,
  /** Characters of one heading path (knowledge questions are at most 1,000). */
  maxHeadingChars: 300,
  /** Chunks of one document. */
  maxChunks: 2_000,
} as const;

export class ChunkLimitError extends Error {
  readonly code = 'document_too_many_chunks';
  constructor() {
    super(`a document yields at most ${CHUNK_LIMITS.maxChunks} chunks`);
    this.name = 'ChunkLimitError';
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 11 || c === 12 || c === 13;

/** An ATX heading line: 1-6 `#` then a blank; the closing run of `#` is dropped. */
function heading(line: string): { level: number; text: string } | null {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 35) level++;
  if (level < 1 || level > 6 || (level < line.length && !isSpace(line.charCodeAt(level))))
    return null;
  let end = line.length;
  while (end > level && (isSpace(line.charCodeAt(end - 1)) || line.charCodeAt(end - 1) === 35))
    end--;
  const text = line.slice(level, end).trim();
  return text ? { level, text } : null;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'hr',
  'dd',
  'dt',
  'main',
  'aside',
  'nav',
  'form',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'head', 'noscript', 'template']);
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

/** HTML to Markdown-ish lines: h1-h6 become `#` headings, block tags paragraph breaks. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skipping = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (!skipping && textEnd > i) out.push(decode(html.slice(i, textEnd)));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    let p = lt + 1;
    const closing = html.charCodeAt(p) === 47;
    if (closing) p++;
    let q = p;
    while (q < gt && !isSpace(html.charCodeAt(q)) && html.charCodeAt(q) !== 47) q++;
    const name = html.slice(p, q).toLowerCase();
    i = gt + 1;
    if (skipping) {
      if (closing && name === skipping) skipping = '';
      continue;
    }
    if (!closing && SKIPPED_TAGS.has(name)) skipping = name;
    else if (name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6')
      out.push(closing ? '\n\n' : `\n\n${'#'.repeat(Number(name[1]))} `);
    else if (BLOCK_TAGS.has(name)) out.push('\n\n');
  }
  return out.join('');
}

function decode(text: string): string {
  if (text.indexOf('&') < 0) return text.split('\n').join(' ');
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf('&', i);
    if (amp < 0) {
      parts.push(text.slice(i));
      break;
    }
    parts.push(text.slice(i, amp));
    // Looks at most 8 characters ahead: an unbounded search for ';' would be quadratic.
    let semi = amp + 1;
    while (semi < text.length && semi - amp <= 8 && text.charCodeAt(semi) !== 59) semi++;
    const name = text.charCodeAt(semi) === 59 ? text.slice(amp + 1, semi) : '';
    if (name && ENTITIES[name] !== undefined) {
      parts.push(ENTITIES[name]!);
      i = semi + 1;
    } else {
      parts.push('&');
      i = amp + 1;
    }
  }
  return parts.join('').split('\n').join(' ');
}

/** Collapses runs of blanks to one space (one pass). */
function squash(text: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) space = out.length > 0;
    else {
      if (space) out += ' ';
      space = false;
      out += text[i];
    }
  }
  return out;
}

/** Cuts a long paragraph into pieces of at most `max`, at the last blank of each window. */
function cut(paragraph: string, max: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (paragraph.length - start > max) {
    let end = start + max;
    // Looks back at most a quarter of the window, so the total work stays linear.
    const floor = start + Math.floor((max * 3) / 4);
    let k = end;
    while (k > floor && paragraph.charCodeAt(k) !== 32) k--;
    if (k > floor) end = k;
    pieces.push(paragraph.slice(start, end).trim());
    start = paragraph.charCodeAt(end) === 32 ? end + 1 : end;
  }
  if (start < paragraph.length) pieces.push(paragraph.slice(start).trim());
  return pieces.filter(Boolean);
}

export function chunkHash(heading: string, text: string): string {
  return createHash('sha256').update(heading).update('\u0000').update(text).digest('hex');
}

/**
 * Chunks follow the document's sections: a heading starts a new chunk, paragraphs (blank-line
 * separated) are packed into it up to the size bound, and a paragraph longer than the bound is
 * cut at word boundaries.
 */
export function chunkDocument(
  format: DocumentFormat,
  content: string,
  title: string,
  maxChunkChars: number = CHUNK_LIMITS.maxChunkChars,
): Chunk[] {
  const source = format === 'html' ? htmlToText(content) : content;
  const lines = source.split('\n');
  const path: string[] = [];
  const chunks: Chunk[] = [];
  let paragraph: string[] = [];
  let buffer = '';
  const headingText = () => {
    const joined = path.filter(Boolean).join(' › ') || title;
    return joined.length > CHUNK_LIMITS.maxHeadingChars
      ? joined.slice(0, CHUNK_LIMITS.maxHeadingChars)
      : joined;
  };
  const flushChunk = () => {
    if (!buffer) return;
    if (chunks.length >= CHUNK_LIMITS.maxChunks) throw new ChunkLimitError();
    const h = headingText();
    chunks.push({ index: chunks.length, heading: h, text: buffer, hash: chunkHash(h, buffer) });
    buffer = '';
  };
  const flushParagraph = () => {
    const text = squash(paragraph.join(' '));
    paragraph = [];
    if (!text) return;
    for (const piece of cut(text, maxChunkChars)) {
      if (buffer && buffer.length + 2 + piece.length > maxChunkChars) flushChunk();
      buffer = buffer ? `${buffer}\n\n${piece}` : piece;
    }
  };
  for (const raw of lines) {
    const h = format === 'text' ? null : heading(raw);
    if (h) {
      flushParagraph();
      flushChunk();
      path.length = h.level - 1;
      path[h.level - 1] = squash(h.text);
    } else if (squash(raw) === '') flushParagraph();
    else paragraph.push(raw);
  }
  flushParagraph();
  flushChunk();
  return chunks;
}
