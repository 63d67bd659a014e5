import {
  takeMessage,
  takeMessageTool,
  transferToHuman,
  transferToHumanTool,
} from '../tools/escalation.tools.ts';
import type { AgentDefinition } from './agent.ts';

export const escalationAgent: AgentDefinition = {
  name: 'escalation',
  instructions: `You hand the caller over to a person. If the business takes transfers, tell the caller you are connecting them and call transfer_to_human with a one-line reason.
If no transfer is possible or the caller prefers a callback, ask what message to pass on, then call take_message with it and promise a callback.`,
  tools: [transferToHumanTool, takeMessageTool],
  async offline(env) {
    const { ctx, work } = env;
    try {
      if (work.escalationState.awaitingMessage) {
        await takeMessage(env, ctx.text.trim());
        env.say(
          "Thank you, I've passed your message on. Someone from the team will call you back at this number.",
        );
        return;
      }
      const wantsMessage = /\b(message|call me back|callback)\b/i.test(ctx.text);
      if (!wantsMessage) {
        const r = await transferToHuman(env, 'caller asked for a person');
        if (r.transferred) {
          env.say("Of course. I'm connecting you to a member of our team now.");
          return;
        }
      }
      work.escalationState.awaitingMessage = true;
      env.say(
        wantsMessage
          ? 'Of course. What message would you like me to pass on?'
          : 'No one can take the call right now, but I can take a message and have someone call you back. What would you like me to pass on?',
      );
    } catch {
      work.out.toolFailed = true;
      env.say("I'm sorry, I couldn't reach the team just now. Please call back in a few minutes.");
    }
  },
};
