import type { Db } from './pool.ts';
import { withTransaction } from './pool.ts';

export const DEMO_TENANT = {
  slug: 'bright-smile-dental',
  name: 'Bright Smile Dental',
  phoneNumber: '+14155550100',
  escalationPhone: '+14155550199',
  timezone: 'America/New_York',
} as const;

/** Entries in the caller's language are tagged with it; untagged entries are English. */
const FAQ: [string, string, string[]?][] = [
  [
    'How much does a cleaning cost?',
    'A standard cleaning and check-up costs $120. New patients get the first exam for $89.',
  ],
  [
    'Do you take insurance?',
    'We accept Delta Dental, Cigna, Aetna and MetLife, and we file the claim for you.',
  ],
  [
    'Where are you located?',
    'We are at 250 Market Street, Suite 4, with free parking behind the building.',
  ],
  [
    'What are your opening hours?',
    'Monday to Friday 9am to 5pm, and Saturday 9am to 1pm. We are closed on Sundays.',
  ],
  ['Do you offer teeth whitening?', 'Yes, in-office whitening takes about an hour and costs $350.'],
  [
    'Do I need to pay a deposit?',
    'We ask for a $25 deposit to hold a new appointment; it goes towards your visit.',
  ],
  [
    'Combien coûte un nettoyage (détartrage) ?',
    'Un nettoyage avec contrôle coûte 120 $. Pour les nouveaux patients, le premier examen est à 89 $.',
    ['fr'],
  ],
  [
    'Acceptez-vous les assurances ?',
    'Nous acceptons Delta Dental, Cigna, Aetna et MetLife, et nous envoyons la demande pour vous.',
    ['fr'],
  ],
  [
    'Où êtes-vous situés ? Adresse, parking',
    'Nous sommes au 250 Market Street, bureau 4, avec un parking gratuit derrière le bâtiment.',
    ['fr'],
  ],
  [
    'Faites-vous le blanchiment des dents ?',
    'Oui, le blanchiment au cabinet dure environ une heure et coûte 350 $.',
    ['fr'],
  ],
  [
    'Faut-il verser un acompte ?',
    'Nous demandons un acompte de 25 $ pour réserver un nouveau rendez-vous ; il est déduit de la visite.',
    ['fr'],
  ],
  [
    '¿Cuánto cuesta una limpieza?',
    'Una limpieza con revisión cuesta 120 $. Para pacientes nuevos, el primer examen cuesta 89 $.',
    ['es'],
  ],
  [
    '¿Aceptan seguros?',
    'Aceptamos Delta Dental, Cigna, Aetna y MetLife, y tramitamos la reclamación por usted.',
    ['es'],
  ],
  [
    '¿Dónde están ubicados? Dirección, estacionamiento',
    'Estamos en 250 Market Street, oficina 4, con estacionamiento gratuito detrás del edificio.',
    ['es'],
  ],
  [
    '¿Hacen blanqueamiento dental?',
    'Sí, el blanqueamiento en la clínica dura una hora y cuesta 350 $.',
    ['es'],
  ],
  [
    '¿Hay que pagar un depósito?',
    'Pedimos un depósito de 25 $ para reservar una cita nueva; se descuenta de la visita.',
    ['es'],
  ],
];

/** Creates (or refreshes) the demo business used by `pnpm dev` and the terminal phone. */
export async function seedDemoTenant(db: Db): Promise<{ tenantId: string }> {
  return withTransaction(db, async (c) => {
    const { rows } = await c.query(
      `INSERT INTO tenants (slug, name, timezone, business_hours, greeting, persona, languages, escalation_phone,
          deposit_required, deposit_amount_minor, currency, services, voice_mode)
       VALUES ($1, $2, $3, $4, $5, $6, '{en-US,fr-FR,es-US}', $7, true, 2500, 'USD', $8, 'gather')
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, languages = EXCLUDED.languages, updated_at = now()
       RETURNING id`,
      [
        DEMO_TENANT.slug,
        DEMO_TENANT.name,
        DEMO_TENANT.timezone,
        JSON.stringify({
          mon: [{ open: '09:00', close: '17:00' }],
          tue: [{ open: '09:00', close: '17:00' }],
          wed: [{ open: '09:00', close: '17:00' }],
          thu: [{ open: '09:00', close: '17:00' }],
          fri: [{ open: '09:00', close: '17:00' }],
          sat: [{ open: '09:00', close: '13:00' }],
        }),
        'Thanks for calling Bright Smile Dental, this is Sam. How can I help you today?',
        'Sam, the warm and efficient front-desk assistant of a family dental practice.',
        DEMO_TENANT.escalationPhone,
        JSON.stringify([
          { name: 'Cleaning and check-up', durationMinutes: 60, priceMinor: 12000 },
          { name: 'Teeth whitening', durationMinutes: 60, priceMinor: 35000 },
          { name: 'Emergency visit', durationMinutes: 30, priceMinor: 15000 },
        ]),
      ],
    );
    const tenantId = rows[0].id as string;
    await c.query(
      `INSERT INTO phone_numbers (tenant_id, e164, label) VALUES ($1, $2, 'main line') ON CONFLICT (e164) DO NOTHING`,
      [tenantId, DEMO_TENANT.phoneNumber],
    );
    const existing = await c.query(
      'SELECT count(*)::int AS n FROM knowledge_entries WHERE tenant_id = $1',
      [tenantId],
    );
    if (existing.rows[0].n === 0) {
      for (const [q, a, tags] of FAQ) {
        await c.query(
          'INSERT INTO knowledge_entries (tenant_id, question, answer, tags) VALUES ($1, $2, $3, $4)',
          [tenantId, q, a, tags ?? []],
        );
      }
    }
    return { tenantId };
  });
}
