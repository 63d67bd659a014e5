import { ask, take, words } from '../flows/flow-kit.ts';
import { answerFor, asksWhoReached, serviceIn } from '../flows/knowledge.flow.ts';
import type { AgentDefinition } from './agent.ts';

/**
 * Answers questions from the business's own knowledge, only when an entry really answers them;
 * otherwise says so and offers a callback. In the middle of a booking the booking resumes after.
 */
export const faqAgent: AgentDefinition = {
  name: 'faq',
  instructions: `Answers questions about the business (hours, prices, insurance, location, policies) only from its knowledge entries and facts; says it does not know otherwise and offers a callback.`,
  commands: ['knowledge'],
  async handle(env) {
    const { work } = env;
    const p = words(env);
    const questions = take(env, ['knowledge']);
    let unknown: string | undefined;
    let onlyWhoReached = questions.length > 0;
    for (const q of questions) {
      // "Is this the dentist?": the business's own name answers it, and the caller goes on.
      if (asksWhoReached(env.ctx.tenant, q.question)) {
        env.say(p.reached(env.ctx.tenant.name));
        continue;
      }
      onlyWhoReached = false;
      // "How much is a cleaning?" then "can I book one": the one is the cleaning.
      const about = serviceIn(env.ctx.tenant, q.question);
      if (about) work.lead = { ...work.lead, service: about };
      try {
        const a = await answerFor(env, q.question);
        if (a) {
          env.say(a.text);
          work.out.usedKnowledge.push(...a.sources);
        } else unknown ??= q.question;
      } catch (err) {
        env.services.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'knowledge failed',
        );
        work.out.toolFailed = true;
        unknown ??= q.question;
      }
    }
    const inFlow = Boolean(work.bookingDraft.flow);
    if (unknown) {
      work.escalationState = { ...work.escalationState, about: unknown.slice(0, 300) };
      ask(env, 'handoff_offer', p.notKnown(), true);
      return;
    }
    if (onlyWhoReached) return;
    // The booking in progress asks its own question next; otherwise offer one.
    if (!inFlow && !work.todo.length && !work.bookingDraft.booked)
      ask(env, 'book_offer', p.offerBooking(), true);
  },
};
