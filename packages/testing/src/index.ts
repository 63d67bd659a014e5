export { createTestDatabase, type TestDatabase } from './database.ts';
export { createTestRedis, type TestRedis } from './redis.ts';
export { startStandIn, type RecordedRequest, type StandIn } from './stand-in.ts';
export { freePort, waitFor } from './services.ts';
export { startPostgresServer, startRedisServer, type ManagedServer } from './services.ts';
export { checkReadinessFollowsDependencies } from './readiness.ts';
export { startStripeMock, stripeMockBinary, type StripeMock } from './stripe-mock.ts';
export {
  startCalcomStandIn,
  type CalcomStandIn,
  type CalcomStandInBooking,
} from './calcom-stand-in.ts';
export { startSmtpStandIn, type ReceivedMail, type SmtpStandIn } from './smtp-stand-in.ts';
export {
  startTwilioCallsStandIn,
  twilioSignatureFor,
  type ScriptedCall,
  type StandInCall,
  type TwilioCallsStandIn,
} from './twilio-calls-stand-in.ts';
export {
  startHubSpotStandIn,
  type HubSpotObject,
  type HubSpotStandIn,
} from './hubspot-stand-in.ts';
export {
  startPineconeStandIn,
  type PineconeRecord,
  type PineconeStandIn,
} from './pinecone-stand-in.ts';
