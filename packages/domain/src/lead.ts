/** What qualification collects about a caller, and how warm the lead is (0-100). */
export interface LeadFields {
  name?: string;
  email?: string;
  reason?: string;
  service?: string;
  urgency?: 'low' | 'normal' | 'high';
  returning?: boolean;
  custom?: Record<string, string>;
}

export function scoreLead(lead: LeadFields): number {
  let score = 10;
  if (lead.name) score += 15;
  if (lead.email) score += 10;
  if (lead.service) score += 25;
  else if (lead.reason) score += 15;
  if (lead.urgency === 'high') score += 25;
  else if (lead.urgency === 'normal') score += 10;
  if (lead.returning === true) score += 10;
  score += Math.min(Object.keys(lead.custom ?? {}).length * 5, 15);
  return Math.min(score, 100);
}
