// Twilio's status callback for a call whose workflow cannot be signalled in time (Temporal slow
// or away): the end is written to the call's row and Twilio gets its 200, never a 5xx, and the
// callback's event is left "failed" so a redelivery signals the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWorkflowId } from '@receptionist/domain';
import { readTwiml } from '@receptionist/backend/phone/twiml-reader';
import {
  callParams,
  newCallSid,
  rowsOf,
  startChannelStack,
  type ChannelStack,
} from '../test/channel-stack.ts';

let stack: ChannelStack;
let temporalAway = true;
const endsSignalled: string[] = [];

beforeAll(async () => {
  stack = await startChannelStack({
    agentUrl: 'http://127.0.0.1:9',
    withWorker: false,
    workflows: (real) => ({
      ...real,
      async callEnded(callSid, ended) {
        if (temporalAway) throw new Error('4 DEADLINE_EXCEEDED: Deadline exceeded');
        await real.callEnded(callSid, ended);
        endsSignalled.push(callSid);
      },
    }),
  });
}, 90_000);
afterAll(async () => {
  await stack?.close();
});

describe('a call status the workflow could not be told of', () => {
  it('answers 200 with the end in the call row, and signals the workflow on redelivery', async () => {
    const rows = rowsOf(stack);
    const callSid = newCallSid();
    expect((await stack.post('/twilio/voice', callParams(callSid))).status).toBe(200);
    const status = callParams(callSid, { CallStatus: 'completed', CallDuration: '42' });

    const res = await stack.post('/twilio/voice/status', status);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(readTwiml(res.text)).toEqual([]);
    expect(
      await rows(`SELECT status, duration_seconds FROM calls WHERE call_sid = $1`, [callSid]),
    ).toEqual([{ status: 'completed', duration_seconds: 42 }]);
    const events = () =>
      rows(`SELECT status FROM webhook_events WHERE provider = 'twilio' AND event_id = $1`, [
        `${callSid}:completed`,
      ]);
    expect(await events()).toEqual([{ status: 'failed' }]);
    expect(endsSignalled).toEqual([]);

    temporalAway = false;
    expect((await stack.post('/twilio/voice/status', status)).status).toBe(200);
    expect(endsSignalled).toEqual([callSid]);
    expect(await events()).toEqual([{ status: 'processed' }]);
    const { events: history } = await stack.temporal.workflow
      .getHandle(callWorkflowId(callSid))
      .fetchHistory();
    const signals = (history ?? []).flatMap((e) =>
      e.workflowExecutionSignaledEventAttributes
        ? [e.workflowExecutionSignaledEventAttributes.signalName]
        : [],
    );
    expect(signals).toContain('callEnded');
    // A third delivery of the same status does nothing.
    expect((await stack.post('/twilio/voice/status', status)).status).toBe(200);
    expect(endsSignalled).toEqual([callSid]);
  });
});
