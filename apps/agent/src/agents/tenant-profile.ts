import { depositDue, formatMoney, weekdays, type Tenant } from '@receptionist/domain';

const DAY: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function openingHoursText(t: Tenant): string {
  const lines = weekdays.map((d) => {
    const ivs = t.businessHours[d];
    return `${DAY[d]}: ${ivs?.length ? ivs.map((i) => `${i.open}-${i.close}`).join(', ') : 'closed'}`;
  });
  return lines.join('; ');
}

export function servicesText(t: Tenant): string {
  return t.services
    .map(
      (s) =>
        `${s.name} (${s.durationMinutes} min${s.priceMinor !== undefined ? `, ${formatMoney({ amountMinor: s.priceMinor, currency: t.currency })}` : ''})`,
    )
    .join('; ');
}

/** The tenant's persona, facts and policies: the cached half of the model brain's system prompt. */
export function tenantProfile(t: Tenant): string {
  const deposit = depositDue(t)
    ? `A deposit of ${formatMoney({ amountMinor: t.depositAmountMinor, currency: t.currency })} holds a new appointment.`
    : 'No deposit is needed; bookings are confirmed at once.';
  return [
    `You answer the phone for ${t.name}.`,
    t.persona && `Persona: ${t.persona}`,
    `Timezone: ${t.timezone}. Opening hours: ${openingHoursText(t)}.`,
    t.closedDates.length ? `Closed on: ${t.closedDates.join(', ')}.` : '',
    `Services: ${servicesText(t)}.`,
    deposit,
    `Cancellations are fully refunded up to ${t.refundFullUntilHours} hours before the visit.`,
    t.escalationPhone
      ? 'A member of staff can take transferred calls.'
      : 'No one can take transferred calls; take a message instead.',
  ]
    .filter(Boolean)
    .join('\n');
}
