import type { Tenant } from '@receptionist/domain';
import type { CallContext } from './call-context.ts';
import { claimTransfer } from './channel-limits.ts';
import type { TwilioDeps } from './deps.ts';
import { limitTexts } from './limit-texts.ts';
import { emitVoiceTransfer, reportTurn } from './turn.service.ts';
import * as twiml from './twiml.ts';
import type { VoiceKit } from './voice.kit.ts';

/**
 * The business's model budget for today is spent: the caller is told so and put through to the
 * team, or (nobody may be dialled) asked for a message the team gets. Never silence.
 */
export async function overBudgetTwiml(
  deps: TwilioDeps,
  kit: Pick<VoiceKit, 'urls' | 'transferTwiml'>,
  tenant: Tenant,
  ctx: CallContext,
  input?: { text: string; turnId?: string },
): Promise<string> {
  const style = twiml.voiceStyle(tenant, ctx.language);
  const say = limitTexts(style.language);
  const to = await claimTransfer(deps, tenant, ctx);
  const spoken = to ? say.overBudgetTransfer : say.overBudgetMessage;
  if (input)
    await reportTurn(deps, ctx, { callerText: input.text, heard: spoken, turnId: input.turnId });
  if (!to) return twiml.sayAndGather(style, kit.urls.message, spoken);
  await emitVoiceTransfer(
    deps,
    ctx,
    to,
    `${input?.text ? `The caller said: "${input.text}". ` : ''}The assistant's budget for today is spent.`,
  );
  return kit.transferTwiml(tenant, ctx, spoken, to);
}
