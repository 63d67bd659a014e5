export * from './tenant.ts';
export * from './phone.ts';
export * from './booking.ts';
export * from './money.ts';
export * from './agent-turn.ts';
export * from './channel-workflows.ts';
export * from './lead.ts';
