import { describe, expect, it } from 'vitest';
import { getContactByPhone } from '@receptionist/db';
import { waitFor } from '@receptionist/testing';
import { kinds, useHarness, waitForPhase } from './harness.ts';

const h = useHarness('booking-language');
const SEC = 1000;
const HOUR = 3600 * SEC;
const in_ = (ms: number) => new Date(Date.now() + ms);
const languages = ['en-US', 'fr-FR', 'es-US'];

/** The texts of one booking, by kind, once `count` of them went out. */
async function textsOf(tenantId: string, bookingId: string, count: number) {
  await waitFor(async () => kinds(await h.texts(tenantId), bookingId).length >= count);
  const texts = (await h.texts(tenantId)).filter((t) =>
    t.idempotencyKey.startsWith(`booking:${bookingId}:`),
  );
  return Object.fromEntries(texts.map((t) => [t.idempotencyKey.split(':')[2], t.body]));
}

describe('booking texts in the language of the conversation', () => {
  it('links the deposit, confirms, moves and cancels in French, and remembers it for the next booking', async () => {
    const tenant = await h.makeTenant({
      languages,
      depositRequired: true,
      depositAmountMinor: 2500,
      currency: 'USD',
      refundFullUntilHours: 24,
    });
    const phone = h.phone();
    const { bookingId } = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: in_(72 * HOUR),
      contactPhone: phone,
      language: 'fr-FR',
    });
    await waitForPhase(h, tenant.id, bookingId, ['awaiting_payment']);
    await h.bookings.paymentSucceeded(tenant.id, bookingId, {
      eventId: 'evt_fr',
      paymentIntentId: 'pi_fr',
    });
    await waitForPhase(h, tenant.id, bookingId, ['confirmed']);
    expect(await h.bookings.rescheduleBooking(tenant.id, bookingId, in_(74 * HOUR))).toBe(true);
    await textsOf(tenant.id, bookingId, 3);
    expect(await h.bookings.cancelBooking(tenant.id, bookingId, 'changement de plan')).toBe(true);
    await waitForPhase(h, tenant.id, bookingId, ['cancelled']);
    const fr = await textsOf(tenant.id, bookingId, 4);
    expect(fr.payment_link).toMatch(/^Bright Smile : nous vous réservons le .+ Réglez l'acompte/);
    expect(fr.confirmed).toMatch(/^Bright Smile : votre rendez-vous du .+ est confirmé\./);
    expect(fr.rescheduled).toMatch(/^Bright Smile : votre rendez-vous est déplacé au /);
    expect(fr.cancelled).toMatch(/est annulé\. 25,00\s\$US vous seront remboursés\.$/);
    expect((await getContactByPhone(h.db.pool, tenant.id, phone))?.language).toBe('fr-FR');

    // Booked again without a language (the agent could not tell): the contact's French stays.
    const again = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt: in_(96 * HOUR),
      contactPhone: phone,
    });
    await waitForPhase(h, tenant.id, again.bookingId, ['awaiting_payment']);
    expect((await textsOf(tenant.id, again.bookingId, 1)).payment_link).toMatch(
      /^Bright Smile : nous vous réservons/,
    );
  }, 45_000);

  it('texts a taken slot in Spanish, and English for a language the business does not speak', async () => {
    const tenant = await h.makeTenant({ languages });
    const startsAt = in_(5 * HOUR);
    const first = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt,
      contactPhone: h.phone(),
      language: 'de-DE',
    });
    await waitForPhase(h, tenant.id, first.bookingId, ['confirmed']);
    expect((await textsOf(tenant.id, first.bookingId, 1)).confirmed).toMatch(
      /^Bright Smile: you're booked for /,
    );
    const taken = await h.bookings.startBooking({
      tenantId: tenant.id,
      startsAt,
      contactPhone: h.phone(),
      // A bare base language maps onto the tenant's own tag.
      language: 'es',
    });
    await waitForPhase(h, tenant.id, taken.bookingId, ['slot_taken']);
    expect((await textsOf(tenant.id, taken.bookingId, 1)).slot_taken).toMatch(
      /^Bright Smile: lo sentimos, el horario del .+ acaba de ocuparse\. Para reservar otra cita/,
    );
  }, 30_000);
});
