import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnResponseSchema } from '@receptionist/domain';
import {
  conversation,
  startAgent,
  startHarness,
  type AgentUnderTest,
  type Harness,
} from '../test/harness.ts';

let h: Harness;
let agent: AgentUnderTest;

beforeAll(async () => {
  h = await startHarness();
  agent = await startAgent(h);
});
afterAll(async () => h.close());

describe('offline brain scenarios', () => {
  it('answers a price question from the knowledge base', async () => {
    const say = conversation(agent, h, 'offline-price');
    const r = await say('How much does a cleaning cost?');
    expect(turnResponseSchema.parse(r)).toBeTruthy();
    expect(r.brain).toBe('offline');
    expect(r.agent).toBe('faq');
    expect(r.reply).toContain('$120');
  });

  it('books from first words to a confirmed slot', async () => {
    const say = conversation(agent, h, 'offline-booking');
    const a = await say("Hi, I'd like to book a cleaning");
    console.log(a.reply);
    const b = await say('tomorrow at 10 please');
    console.log(b.reply);
    const c = await say('My name is Jane Doe');
    console.log(c.reply);
    const d = await say('yes please');
    console.log(d.reply, JSON.stringify(d.actions));
  });
});
