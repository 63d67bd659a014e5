// Shapes of the admin API's responses the console reads (see /admin/v1/openapi.json).
export interface Call {
  id: string;
  fromNumber: string;
  toNumber: string;
  status: string;
  startedAt: string;
  answeredAt: string | null;
  durationSeconds: number | null;
  outcome: string | null;
  summary: string | null;
}
export interface Message {
  id: string;
  role: 'caller' | 'agent' | 'system';
  text: string;
  agent: string | null;
  latencyMs: number | null;
  modelLatencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
  createdAt: string;
}
export interface CallDetail extends Call {
  transcript: Message[];
}
export interface Booking {
  id: string;
  service: string;
  resource: string;
  status: string;
  startsAt: string;
  endsAt: string;
  depositAmountMinor: number;
  currency: string;
  notes: string;
  createdAt: string;
}
export interface Escalation {
  id: string;
  callId: string | null;
  kind: 'transfer' | 'message';
  reason: string;
  summary: string;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
}
export interface KnowledgeEntry {
  id: string;
  question: string;
  answer: string;
  tags: string[];
}
export interface Stats {
  calls: number;
  answered: number;
  booked: number;
  conversionRate: number;
  escalations: number;
}
export interface Interval {
  open: string;
  close: string;
}
export interface Service {
  name: string;
  durationMinutes: number;
  priceMinor?: number;
}
export interface Tenant {
  id: string;
  name: string;
  timezone: string;
  businessHours: Record<string, Interval[]>;
  greeting: string;
  languages: string[];
  depositRequired: boolean;
  depositAmountMinor: number;
  currency: string;
  services: Service[];
}
export const CALL_OUTCOMES = [
  'booked',
  'question_answered',
  'escalated',
  'message_taken',
  'abandoned',
  'missed',
] as const;
export interface PhoneNumber {
  id: string;
  tenantId: string;
  e164: string;
  label: string;
  createdAt: string;
}
export interface ApiKey {
  id: string;
  tenantId: string | null;
  name: string;
  prefix: string;
  role: 'admin' | 'viewer';
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
