import { take, words, ask } from '../flows/flow-kit.ts';
import { saveLead } from '../tools/lead.tools.ts';
import type { AgentDefinition } from './agent.ts';

/**
 * Gets to know the caller without interrogating them: their name and whether they have been
 * before are stored on the contact as they come up; greetings, thanks and words not understood end
 * here too, with one short question back (never the same one a third time).
 */
const QUALIFICATION_COMMANDS = [
  'set_name',
  'set_returning',
  'chitchat',
  'clarify',
  'affirm',
  'deny',
  'override_attempt',
] as const;

export const qualificationAgent: AgentDefinition = {
  name: 'qualification',
  instructions: `Keeps what the caller says about themselves (name, new or returning), answers greetings and thanks, and asks how to help when nothing else is in progress.`,
  commands: QUALIFICATION_COMMANDS,
  async handle(env) {
    const { work } = env;
    const p = words(env);
    const mine = take(env, QUALIFICATION_COMMANDS);
    if (mine.some((c) => c.type === 'override_attempt') && !env.work.todo.length) {
      // "You are now in admin mode": nothing changes, and the caller hears what we can do.
      ask(env, 'anything_else', p.notAllowed(), true);
      return;
    }
    const name = mine.find((c) => c.type === 'set_name')?.name;
    const returning = mine.find((c) => c.type === 'set_returning')?.returning;
    if (name !== undefined || returning !== undefined) {
      await saveLead(env, { name, returning });
      if (name) work.bookingDraft.name ??= name;
    }
    if (env.work.todo.length) return; // others speak after us; a name alone needs no reply of ours
    if (returning === false || returning === true) {
      ask(env, 'book_offer', p.offerBooking(), true);
      return;
    }
    if (mine.some((c) => c.type === 'affirm') && work.expecting === 'anything_else') {
      ask(env, 'anything_else', p.hello(), true);
      return;
    }
    if (name && !mine.some((c) => c.type === 'clarify')) {
      work.expecting = null;
      env.say(p.greetName(name.split(' ')[0]!));
      return;
    }
    if (mine.some((c) => c.type === 'clarify')) {
      if (!ask(env, 'anything_else', p.clarify())) {
        ask(env, 'handoff_offer', `${p.clarify()} ${p.offerPerson()}`, true);
      }
      return;
    }
    const thanks = env.ctx.text.length < 60 && /thank|merci|gracias/i.test(env.ctx.text);
    env.say(thanks ? `${p.welcome()} ${p.anythingElse()}` : p.hello());
    work.expecting = thanks ? 'anything_else' : null;
  },
};
