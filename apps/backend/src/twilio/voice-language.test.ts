import { describe, expect, it } from 'vitest';
import type { Tenant } from '@receptionist/domain';
import { readTwiml } from '../phone/twiml-reader.ts';
import * as twiml from './twiml.ts';
import { greetingFor, voiceFor, voiceTexts } from './voice-language.ts';

const tenant = {
  name: 'Clinique Sourire',
  languages: ['en-US', 'fr-CA', 'es-US'],
  voice: 'Polly.Matthew-Neural',
  greeting: 'Thanks for calling Clinique Sourire, this is the front desk.',
  services: [{ name: 'Cleaning', durationMinutes: 30 }],
  settings: { greetings: { 'es-US': 'Hola, habla la recepción de Clinique Sourire.' } },
} as unknown as Tenant;

describe('the voice of each language', () => {
  it("keeps the tenant's voice for its default language and takes the table's for the others", () => {
    expect(voiceFor(tenant, 'en-US')).toBe('Polly.Matthew-Neural');
    expect(voiceFor(tenant, 'fr-CA')).toBe('Polly.Gabrielle-Neural');
    expect(voiceFor(tenant, 'fr-FR')).toBe('Polly.Lea-Neural');
    expect(voiceFor(tenant, 'es-US')).toBe('Polly.Lupe-Neural');
    expect(voiceFor(tenant, 'es-ES')).toBe('Polly.Lucia-Neural');
    // A region the table lacks gets a voice of its language.
    expect(voiceFor(tenant, 'fr-BE')).toBe('Polly.Lea-Neural');
  });

  it('styles the TwiML in the conversation language, the default one when it is unknown', () => {
    expect(twiml.voiceStyle(tenant, 'fr-FR')).toMatchObject({
      voice: 'Polly.Gabrielle-Neural',
      language: 'fr-CA',
    });
    expect(twiml.voiceStyle(tenant, 'de-DE')).toMatchObject({
      voice: 'Polly.Matthew-Neural',
      language: 'en-US',
    });
    const xml = twiml.sayAndGather(
      twiml.voiceStyle(tenant, 'es-US'),
      'https://x.test/turn',
      voiceTexts('es-US').reprompt,
    );
    expect(readTwiml(xml)).toMatchObject([
      {
        verb: 'Gather',
        language: 'es-US',
        says: ['Perdone, no le he entendido. ¿Puede repetirlo?'],
      },
    ]);
    expect(xml).toContain('<Say voice="Polly.Lupe-Neural" language="es-US">');
  });

  it('greets in the conversation language', () => {
    expect(greetingFor(tenant, 'en-US')).toBe(tenant.greeting);
    expect(greetingFor(tenant, 'es-US')).toBe('Hola, habla la recepción de Clinique Sourire.');
    expect(greetingFor(tenant, 'fr-CA')).toBe(
      "Merci d'avoir appelé Clinique Sourire. Comment puis-je vous aider ?",
    );
  });

  it('has every sentence of the backend in English, French and Spanish', () => {
    const en = voiceTexts('en-US');
    for (const tag of ['fr-CA', 'es-ES']) {
      const t = voiceTexts(tag);
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(typeof t[key]).toBe(typeof en[key]);
        if (typeof t[key] === 'string') expect(t[key]).not.toBe(en[key]);
      }
    }
    expect(voiceTexts('fr-FR').holding).toBe('Un instant, s’il vous plaît.');
    expect(voiceTexts('it-IT')).toBe(en);
  });
});

describe('ConversationRelay in the conversation language', () => {
  it('starts in it and gives every tenant language its voice for a switch', () => {
    const xml = twiml.conversationRelay(twiml.voiceStyle(tenant, 'fr-CA'), {
      url: 'wss://x.test/relay',
      greeting: greetingFor(tenant, 'fr-CA'),
      ttsProvider: 'ElevenLabs',
      actionUrl: 'https://x.test/ended',
      languages: tenant.languages.map((code) => ({ code, voice: voiceFor(tenant, code) })),
    });
    expect(xml).toContain(
      'language="fr-CA" ttsLanguage="fr-CA" transcriptionLanguage="fr-CA" ttsProvider="Amazon" voice="Gabrielle-Neural"',
    );
    expect(xml).toContain('<Language code="en-US" ttsProvider="Amazon" voice="Matthew-Neural"/>');
    expect(xml).toContain('<Language code="fr-CA" ttsProvider="Amazon" voice="Gabrielle-Neural"/>');
    expect(xml).toContain('<Language code="es-US" ttsProvider="Amazon" voice="Lupe-Neural"/>');
  });
});
