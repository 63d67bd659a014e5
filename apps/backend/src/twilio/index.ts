// The Twilio channel's public surface, for main.ts and the end-to-end tests.
export { createTwilioRouter, type TwilioDeps } from './twilio.router.ts';
export { attachRelay, isBackchannel } from './relay.ws.ts';
export { temporalChannelWorkflows, type ChannelWorkflows } from './channel-workflows.ts';
export { VOICE_TEXT } from './voice.routes.ts';
export { relayQuery, verifyRelayQuery } from './relay-token.ts';
export { temporalOutboundCallSignals, type OutboundCallSignals } from './outbound-call.routes.ts';
