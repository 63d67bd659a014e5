import { ask, take, words } from '../flows/flow-kit.ts';
import { takeMessage, transferToHuman } from '../tools/escalation.tools.ts';
import type { AgentDefinition, AgentEnv } from './agent.ts';

async function connect(env: AgentEnv, reason: string): Promise<boolean> {
  if (env.ctx.channel !== 'voice') return false;
  const r = await transferToHuman(env, reason);
  if (r.transferred) env.say(words(env).connecting());
  return r.transferred;
}

/**
 * Hands the caller over to a person: a warm transfer on a call when the business takes them,
 * otherwise a message for a callback. Every hand-over is an escalations row staff are told of.
 */
export const escalationAgent: AgentDefinition = {
  name: 'escalation',
  instructions: `Transfers the caller to a person when the business takes transfers, or takes a message for a callback; also takes the caller's yes to an offered callback.`,
  commands: ['human_handoff', 'leave_message', 'affirm', 'deny'],
  async handle(env) {
    const { work } = env;
    const p = words(env);
    const mine = take(env, ['human_handoff', 'leave_message', 'affirm', 'deny']);
    try {
      const message = mine.find((c) => c.type === 'leave_message');
      if (message?.type === 'leave_message' && (message.message || work.expecting === 'message')) {
        const text = (message.message ?? env.ctx.text).trim();
        await takeMessage(env, text || work.escalationState.about || 'please call back');
        env.say(p.messageTaken());
        work.expecting = 'anything_else';
        return;
      }
      if (message) {
        work.escalationState = { ...work.escalationState, awaitingMessage: true };
        ask(env, 'message', p.askMessage(), true);
        return;
      }
      const handoff = mine.find((c) => c.type === 'human_handoff');
      if (handoff?.type === 'human_handoff') {
        const reason = handoff.reason === 'emergency' ? 'emergency' : 'caller asked for a person';
        if (await connect(env, reason)) return;
        work.escalationState = { ...work.escalationState, awaitingMessage: true };
        ask(
          env,
          'message',
          env.ctx.channel === 'voice' ? p.noOneToTransfer() : p.askMessage(),
          true,
        );
        return;
      }
      if (mine.some((c) => c.type === 'deny')) {
        work.escalationState = { ...work.escalationState, about: undefined };
        ask(env, 'anything_else', p.anythingElse(), true);
        return;
      }
      // A yes to an offered callback: the question we could not answer is the message.
      const about = work.escalationState.about;
      if (about) {
        await takeMessage(env, about);
        env.say(p.messageTaken());
        work.escalationState = { ...work.escalationState, about: undefined };
        work.expecting = 'anything_else';
        return;
      }
      if (await connect(env, 'caller accepted a person')) return;
      work.escalationState = { ...work.escalationState, awaitingMessage: true };
      ask(env, 'message', p.askMessage(), true);
    } catch {
      work.out.toolFailed = true;
      env.say(p.teamTrouble());
    }
  },
};
