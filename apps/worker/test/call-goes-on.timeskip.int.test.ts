// A long call on Temporal's time-skipping server with the real activities: the workflow's
// checks of the call's row (for an ended signal that never came) do not end a call the row
// says goes on, and the signal still ends it.
import { describe, expect, it } from 'vitest';
import { updateCallStatus } from '@receptionist/db';
import { CALL_ENDED_SIGNAL } from '@receptionist/domain';
import { placeCall, waitsOf } from './call.fixture.ts';
import { MINUTE, useTimeSkippingHarness } from './time-skipping.ts';

const { env, h } = useTimeSkippingHarness('call-goes-on');

describe('a call that goes on for half an hour', () => {
  it('keeps waiting while the row says the call goes on, and ends on the signal', async () => {
    const tenant = await h.makeTenant();
    const { input, handle } = await placeCall(h, tenant.id);
    await updateCallStatus(h.db.pool, tenant.id, input.callSid, { status: 'in-progress' });
    await env.sleep(30 * MINUTE);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // Checked every two minutes of quiet, and each time the row said the call goes on.
    expect(
      (await waitsOf(handle)).activities.filter((a) => a === 'recordedCallEnd').length,
    ).toBeGreaterThanOrEqual(10);
    await handle.signal(CALL_ENDED_SIGNAL, { status: 'completed', durationSeconds: 1900 });
    expect(await handle.result()).toEqual({ outcome: expect.any(String) });
    const { rows } = await h.db.pool.query(
      `SELECT summary FROM calls WHERE tenant_id = $1 AND call_sid = $2`,
      [tenant.id, input.callSid],
    );
    expect(rows[0].summary).toContain('Duration 1900s');
  }, 120_000);
});
