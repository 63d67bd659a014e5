// A stand-in for the bookings team's booking workflow, registered only by the admin API's tests:
// it answers the `status` query the booking client checks the tenant with, and records the
// `cancel`, `reschedule` and `attendance` signals it receives so the test can read them back.
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export interface DoubleInput {
  tenantId: string;
  bookingId: string;
}

const statusQuery = defineQuery<{ tenantId: string; bookingId: string; phase: string }>('status');
const receivedQuery = defineQuery<{ name: string; arg: unknown }[]>('received');
const cancelSignal = defineSignal<[unknown]>('cancel');
const rescheduleSignal = defineSignal<[unknown]>('reschedule');
const attendanceSignal = defineSignal<[unknown]>('attendance');

export async function bookingWorkflowDouble(input: DoubleInput): Promise<void> {
  const received: { name: string; arg: unknown }[] = [];
  setHandler(statusQuery, () => ({ ...input, phase: 'confirmed' }));
  setHandler(receivedQuery, () => received);
  setHandler(cancelSignal, (arg) => void received.push({ name: 'cancel', arg }));
  setHandler(rescheduleSignal, (arg) => void received.push({ name: 'reschedule', arg }));
  setHandler(attendanceSignal, (arg) => void received.push({ name: 'attendance', arg }));
  await condition(() => false);
}
