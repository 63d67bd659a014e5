// A call whose ended signal never reached its workflow (the status webhook wrote the call's row,
// then Temporal did not answer in time), on Temporal's time-skipping server with the real
// activities: the workflow finds the end in the row minutes later, not at its 4-hour limit.
import { describe, expect, it } from 'vitest';
import { updateCallStatus } from '@receptionist/db';
import { callWorkflowId } from '@receptionist/domain';
import { placeCall, waitsOf } from './call.fixture.ts';
import { useTimeSkippingHarness } from './time-skipping.ts';

const { h } = useTimeSkippingHarness('call-end');

describe('a call end that was never signalled', () => {
  it('is read from the call row within minutes: outcome stored, the after-call text sent', async () => {
    const tenant = await h.makeTenant({ name: 'Bright Smile' });
    const { input, handle, callerPhone } = await placeCall(h, tenant.id);
    // What the status webhook wrote before its signal failed.
    await updateCallStatus(h.db.pool, tenant.id, input.callSid, {
      status: 'completed',
      durationSeconds: 75,
    });
    expect(await handle.result()).toEqual({ outcome: expect.any(String) });
    // One quiet wait of two minutes, then the row was read: no wait for the 4-hour limit.
    const { timers, activities } = await waitsOf(handle);
    expect(timers).toEqual([120]);
    expect(activities).toContain('recordedCallEnd');
    const { rows } = await h.db.pool.query(
      `SELECT outcome, summary FROM calls WHERE tenant_id = $1 AND call_sid = $2`,
      [tenant.id, input.callSid],
    );
    expect(rows[0].outcome).not.toBeNull();
    expect(rows[0].summary).toContain('Duration 75s');
    const texts = (await h.texts(tenant.id)).filter((t) => t.to === callerPhone);
    expect(texts.map((t) => t.purpose)).toHaveLength(1);
    await h.saveWorkflowHistory(callWorkflowId(input.callSid), 'ended-from-record');
  }, 120_000);
});
