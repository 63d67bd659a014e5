export * from './tenant.ts';
export * from './phone.ts';
export * from './booking.ts';
export * from './money.ts';
export * from './slots.ts';
export * from './booking-texts.ts';
export * from './agent-turn.ts';
