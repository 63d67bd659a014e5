// Each scenario gets its own copy of the demo business (own Twilio number, own calendar), so
// scenarios never share a slot and run side by side. Bookings that must exist before the call are
// made through the Booking workflow, the same path the agent books through.
import type pg from 'pg';
import type { BookingClient } from '@receptionist/booking-client';
import { type ScenarioCalendar, zonedInstant } from './clock.ts';
import type { Fixture, TenantVariant } from './scenario.types.ts';

const LANGUAGES: Record<TenantVariant, string[]> = {
  demo: ['en-US'],
  no_deposit: ['en-US'],
  multilingual: ['en-US', 'fr-FR', 'es-US'],
};

export interface TenantCopy {
  tenantId: string;
  phone: string;
  depositRequired: boolean;
  depositMinor: number;
}

/** Copies the seeded demo tenant (profile, services, hours, knowledge) under a new number. */
export async function copyDemoTenant(
  db: pg.Pool,
  sourceTenantId: string,
  slug: string,
  phone: string,
): Promise<TenantCopy> {
  const { rows } = await db.query(
    `INSERT INTO tenants (slug, name, timezone, business_hours, closed_dates, greeting, persona,
        languages, escalation_phone, escalation_contacts, deposit_required, deposit_amount_minor,
        currency, hold_timeout_minutes, refund_full_until_hours, calendar_provider,
        calendar_settings, voice_mode, voice, services, settings)
     SELECT $2, name, timezone, business_hours, closed_dates, greeting, persona, languages,
        escalation_phone, escalation_contacts, false, deposit_amount_minor, currency,
        hold_timeout_minutes, refund_full_until_hours, calendar_provider, calendar_settings,
        voice_mode, voice, services, settings
       FROM tenants WHERE id = $1
     RETURNING id, deposit_amount_minor`,
    [sourceTenantId, slug],
  );
  const tenantId = rows[0].id as string;
  await db.query(`INSERT INTO phone_numbers (tenant_id, e164, label) VALUES ($1, $2, 'scenario')`, [
    tenantId,
    phone,
  ]);
  await db.query(
    `INSERT INTO knowledge_entries (tenant_id, question, answer, tags)
     SELECT $1, question, answer, tags FROM knowledge_entries WHERE tenant_id = $2`,
    [tenantId, sourceTenantId],
  );
  return { tenantId, phone, depositRequired: false, depositMinor: rows[0].deposit_amount_minor };
}

/** Turns the copy into the scenario's variant; done after the fixtures, which need no deposit. */
export async function applyVariant(
  db: pg.Pool,
  tenant: TenantCopy,
  variant: TenantVariant,
): Promise<TenantCopy> {
  const deposit = variant !== 'no_deposit';
  await db.query('UPDATE tenants SET deposit_required = $2, languages = $3 WHERE id = $1', [
    tenant.tenantId,
    deposit,
    LANGUAGES[variant],
  ]);
  return { ...tenant, depositRequired: deposit };
}

export interface PlacedFixture {
  index: number;
  bookingId: string;
  owner: 'caller' | 'other';
  phone: string;
  startsAt: Date;
}

/** Books each fixture through the Booking workflow and waits until it is confirmed. */
export async function placeFixtures(
  bookings: BookingClient,
  tenantId: string,
  cal: ScenarioCalendar,
  fixtures: Fixture[],
  phones: { caller: string; other: string },
): Promise<PlacedFixture[]> {
  const placed: PlacedFixture[] = [];
  for (const [index, f] of fixtures.entries()) {
    const owner = f.owner ?? 'caller';
    const phone = phones[owner];
    const startsAt = zonedInstant(cal.days[f.day][0]!, f.at, cal.tz);
    const { bookingId } = await bookings.startBooking({
      tenantId,
      startsAt,
      service: f.service,
      contactPhone: phone,
      contactName: owner === 'caller' ? 'Jordan Rivera' : 'Casey Morgan',
    });
    const status = await bookings.waitForOutcome(tenantId, bookingId, 30_000);
    if (status?.phase !== 'confirmed')
      throw new Error(`fixture ${index} was not confirmed (phase ${status?.phase ?? 'unknown'})`);
    placed.push({ index, bookingId, owner, phone, startsAt });
  }
  return placed;
}
