import { createHash, randomInt } from 'node:crypto';
import type { AgentEnv } from '../agents/agent.ts';
import type { Command } from '../dialogue/commands.ts';
import { ask, words } from './flow-kit.ts';

/**
 * Who may hear or change an existing booking: a caller who owns the number. A text or a call with
 * full STIR/SHAKEN attestation proves it; anyone else reads back a one-time code we text to the
 * number, which reaches its real owner, not whoever spoofed it.
 */

const CODE_TTL_MS = 10 * 60_000;
const MAX_TRIES = 3;

export interface Verification {
  /** sha256 of the conversation's row id and the code: the code itself is never stored. */
  codeHash?: string;
  expiresAt?: number;
  tries?: number;
  /** The flow to run once the caller is verified, and what else they said with it. */
  then?: 'cancel' | 'reschedule' | 'lookup';
  commands?: Command[];
  verified?: boolean;
}

const hashOf = (salt: string, code: string) =>
  createHash('sha256').update(`${salt}:${code}`).digest('hex');

export function isVerified(env: AgentEnv): boolean {
  return env.ctx.callerVerified || env.work.verification?.verified === true;
}

/** Texts a fresh code to the caller's number and asks them to read it back. */
export function sendCode(
  env: AgentEnv,
  then: NonNullable<Verification['then']>,
  commands: Command[] = [],
): void {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const { ctx, work } = env;
  work.verification = {
    codeHash: hashOf(ctx.conversationRowId, code),
    expiresAt: ctx.now.getTime() + CODE_TTL_MS,
    tries: 0,
    then,
    commands,
  };
  const p = words(env);
  work.out.actions.push({
    type: 'send_sms',
    to: ctx.callerPhone,
    body: p.codeText(ctx.tenant.name, code),
  });
  ask(env, 'code', p.codeSent(), true);
}

/** Checks a code read back; the flow to resume when it matches, else undefined (and says why). */
export function checkCode(
  env: AgentEnv,
  code: string,
): { flow: NonNullable<Verification['then']>; commands: Command[] } | undefined {
  const { ctx, work } = env;
  const v = work.verification;
  const p = words(env);
  if (!v?.codeHash || !v.expiresAt || ctx.now.getTime() > v.expiresAt) {
    work.verification = undefined;
    ask(env, 'handoff_offer', `${p.codeExpired()} ${p.offerPerson()}`, true);
    return undefined;
  }
  if (hashOf(ctx.conversationRowId, code) === v.codeHash) {
    work.verification = { verified: true };
    return { flow: v.then ?? 'lookup', commands: v.commands ?? [] };
  }
  const tries = (v.tries ?? 0) + 1;
  if (tries >= MAX_TRIES) {
    work.verification = undefined;
    ask(env, 'handoff_offer', `${p.codeWrong(false)} ${p.offerPerson()}`, true);
    return undefined;
  }
  work.verification = { ...v, tries };
  ask(env, 'code', p.codeWrong(true), true);
  return undefined;
}
