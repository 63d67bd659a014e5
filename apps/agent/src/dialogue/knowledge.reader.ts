import { knowledgeRule, startRules } from './lexicon.ts';
import { tokenAt, type Clause, type Utterance } from './utterance.tokenizer.ts';

/**
 * The questions for the business in an utterance ("what are your hours", "do you take insurance"):
 * clauses that name a topic the business answers, or that are shaped as a question and asked for
 * nothing else. The question is quoted back as the caller said it, for the knowledge base.
 */

export interface Question {
  question: string;
  /** Token range of the question. */
  from: number;
  to: number;
  /** A question about the thing itself ("how much is a cleaning"): nothing in it is a booking. */
  pure: boolean;
}

export function findQuestions(
  u: Utterance,
  clauses: Clause[],
  claimed: (i: number) => boolean,
  /** Token indices where another command was read (a wish, a service, an intent). */
  readAt: number[],
  /** Greetings and thanks before a question ("hi, um, what are your hours") are not part of it. */
  greeting: (i: number) => boolean,
): Question[] {
  const topics: number[] = [];
  knowledgeRule.lastIndex = 0;
  for (const m of u.norm.matchAll(knowledgeRule)) {
    const i = tokenAt(u, m.index);
    if (!claimed(i)) topics.push(i);
  }
  const out: Question[] = [];
  for (const clause of clauses) {
    let start = clause.from;
    while (start < clause.to && greeting(start)) start++;
    if (start === clause.to) continue;
    const c = { ...clause, from: start };
    startRules.question.lastIndex = u.tokens[c.from]!.at;
    const asks = startRules.question.test(u.norm);
    const topic = topics.find((i) => i >= c.from && i < c.to);
    const read = readAt.filter((i) => i >= c.from && i < c.to);
    const isQuestion =
      topic !== undefined || ((asks || c.question) && !read.length && c.to - c.from > 1);
    if (!isQuestion) continue;
    const pure = asks || topic === undefined || read.every((i) => i > topic);
    // A question after a booking request in the same clause starts where it is asked.
    let from = c.from;
    if (!pure) {
      const lastRead = Math.max(...read.filter((i) => topic === undefined || i < topic));
      for (let i = lastRead + 1; i <= (topic ?? c.to - 1); i++) {
        startRules.question.lastIndex = u.tokens[i]!.at;
        if (startRules.question.test(u.norm)) {
          from = i;
          break;
        }
      }
      if (from === c.from) from = Math.min(lastRead + 1, topic ?? c.to);
    }
    const prev = out[out.length - 1];
    if (prev && prev.to >= from - 1 && pure) {
      prev.to = c.to;
      continue;
    }
    out.push({ question: '', from, to: c.to, pure });
  }
  for (const q of out) {
    const end = u.tokens[q.to]?.norm === '?' ? q.to : q.to - 1;
    q.question = u.text.slice(u.tokens[q.from]!.start, u.tokens[end]!.end).trim().slice(0, 500);
  }
  return out;
}
