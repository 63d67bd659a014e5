import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationRowId } from '@receptionist/db';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import { freePort } from '@receptionist/testing';
import { startAgentService } from '../../test/agent-service.ts';
import {
  AGENT_SECRET,
  callParams,
  CALLER,
  startChannelStack,
  type ChannelStack,
} from '../../test/channel-stack.ts';

/**
 * Low finding: the agent service had no authentication, so anything that reached its port could
 * run turns for any tenant (read conversations, book, spend the model budget). The backend and
 * the worker now present AGENT_SHARED_SECRET as a bearer token and the agent answers 401 without it.
 */
let stack: ChannelStack;
let agent: Awaited<ReturnType<typeof startAgentService>>;
let agentUrl: string;

beforeAll(async () => {
  const port = await freePort();
  agentUrl = `http://127.0.0.1:${port}`;
  stack = await startChannelStack({ agentUrl, agentTimeoutMs: 8_000, withWorker: false });
  agent = await startAgentService(stack, port);
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await stack?.close();
});

const turn = (headers: Record<string, string>) =>
  fetch(`${agentUrl}/v1/turns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      tenantId: stack.tenantId,
      conversationId: 'attack-agent-auth',
      channel: 'sms',
      text: 'What are your opening hours?',
      callerPhone: CALLER,
    }),
  });

describe('agent service authentication', () => {
  it('refuses turns without the shared secret, or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-secret-of-some-length' },
      { authorization: `Basic ${Buffer.from(`x:${AGENT_SECRET}`).toString('base64')}` },
      { authorization: `Bearer ${AGENT_SECRET}x` },
    ];
    for (const headers of attempts) {
      const res = await turn(headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    const stream = await fetch(`${agentUrl}/v1/turns/stream`, { method: 'POST', body: '{}' });
    expect(stream.status).toBe(401);
    // Nothing was stored for the refused turns.
    const { rows } = await stack.tdb.pool.query(
      `SELECT 1 FROM messages WHERE conversation_id = $1`,
      [conversationRowId(stack.tenantId, 'attack-agent-auth')],
    );
    expect(rows).toHaveLength(0);
  });

  it('serves the backend, which presents the secret, and keeps the probes open', async () => {
    expect((await turn({ authorization: `Bearer ${AGENT_SECRET}` })).status).toBe(200);
    expect((await fetch(`${agentUrl}/health`)).status).toBe(200);
    const callSid = `CA${Date.now().toString(16)}auth00000000000000`;
    await stack.post('/twilio/voice', callParams(callSid));
    const res = await stack.post('/twilio/voice/turn', {
      ...callParams(callSid),
      SpeechResult: 'What are your opening hours?',
      Confidence: '0.9',
    });
    const says = readTwiml(res.text).flatMap((v) => (v.verb === 'Gather' ? v.says : []));
    // The agent's own answer, not the backend's "trouble" fallback.
    expect(says.join(' ')).not.toMatch(/trouble/i);
    expect(says.join(' ').length).toBeGreaterThan(0);
  });
});
