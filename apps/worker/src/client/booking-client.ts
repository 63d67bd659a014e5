// The booking workflows' client, also importable as @receptionist/worker/booking-client. It lives
// in @receptionist/booking-client so processes that only start and signal bookings (backend,
// agent) do not install the worker's native Temporal runtime.
export * from '@receptionist/booking-client';
