import { describe, expect, it } from 'vitest';
import { readTwiml, type Verb } from '@receptionist/backend/phone/twiml-reader';
import { VOICE_TEXT } from '@receptionist/backend/twilio';
import { callWorkflowId } from '@receptionist/domain';
import { useDoubledStack } from '../test/agent-double.ts';
import { callParams, newCallSid } from '../test/channel-stack.ts';

// The voice channel in the caller's language: the agent (its HTTP contract, scripted here) names
// the language of each reply; the backend speaks, listens and says its own sentences in it.
let seq = 0;
const caller = () => `+1415555${String(3000 + seq++).padStart(4, '0')}`;

const { stack, agent } = useDoubledStack({ agentTimeoutMs: 800 }, (stack) =>
  stack.tdb.pool.query(
    `UPDATE tenants SET languages = '{en-US,fr-FR,es-US}', voice_mode = 'gather' WHERE id = $1`,
    [stack.tenantId],
  ),
);

const turn = async (callSid: string, from: string, extra: Record<string, string> = {}) => {
  const res = await stack.post('/twilio/voice/turn', callParams(callSid, { From: from, ...extra }));
  expect(res.status).toBe(200);
  return { verbs: readTwiml(res.text), xml: res.text };
};
const gather = (verbs: Verb[]) => {
  const g = verbs.find((v) => v.verb === 'Gather');
  if (!g || g.verb !== 'Gather') throw new Error('expected a Gather');
  return g;
};

describe('a Gather call in the caller language', () => {
  it('greets in the default language, then listens, speaks and apologises in the reply language', async () => {
    const callSid = newCallSid();
    const from = caller();
    const incoming = await stack.post('/twilio/voice', callParams(callSid, { From: from }));
    expect(gather(readTwiml(incoming.text))).toMatchObject({ language: 'en-US' });
    expect(incoming.text).toContain('voice="Polly.Joanna-Neural" language="en-US"');

    agent.script = () => ({
      reply: 'Bien sûr, je peux vous aider en français.',
      language: 'fr-FR',
    });
    const fr = await turn(callSid, from, { SpeechResult: 'Bonjour, vous parlez français ?' });
    expect(gather(fr.verbs)).toMatchObject({
      language: 'fr-FR',
      says: ['Bien sûr, je peux vous aider en français.'],
    });
    expect(fr.xml).toContain('<Say voice="Polly.Lea-Neural" language="fr-FR">');

    // Silence: the reprompt is the backend's own sentence, in French.
    const silent = await turn(callSid, from);
    expect(gather(silent.verbs)).toMatchObject({
      language: 'fr-FR',
      says: ["Pardon, je n'ai pas bien compris. Pouvez-vous répéter ?"],
    });

    // The agent is slow: the holding phrase too.
    agent.script = () => ({ reply: 'Le mardi à dix heures est libre.', delayMs: 1_500 });
    const slow = await turn(callSid, from, { SpeechResult: 'Mardi à dix heures ?' });
    expect(slow.verbs[0]).toMatchObject({
      verb: 'Say',
      text: 'Un instant, s’il vous plaît.',
      voice: 'Polly.Lea-Neural',
      language: 'fr-FR',
    });

    // The team does not pick up: the caller is asked for a message in French; the staff member's
    // whisper stays in the business's language.
    const noAnswer = await stack.post(
      '/twilio/voice/dial-status',
      callParams(callSid, { From: from, DialCallStatus: 'no-answer' }),
    );
    expect(gather(readTwiml(noAnswer.text))).toMatchObject({
      language: 'fr-FR',
      says: [
        "Malheureusement, personne n'est disponible pour le moment. Dites-moi votre message, je m'assure qu'il leur soit transmis.",
      ],
    });
    const whisper = await stack.post(
      `/twilio/voice/whisper?parent=${callSid}`,
      callParams(`${callSid}w`),
    );
    expect(readTwiml(whisper.text)[0]).toMatchObject({
      verb: 'Say',
      language: 'en-US',
      text: expect.stringContaining("Call from Bright Smile Dental's line"),
    });
  });

  it('keeps the language when a reply names none, and ignores one the business does not speak', async () => {
    const callSid = newCallSid();
    const from = caller();
    await stack.post('/twilio/voice', callParams(callSid, { From: from }));
    agent.script = () => ({ reply: 'Claro, le ayudo en español.', language: 'es-US' });
    await turn(callSid, from, { SpeechResult: '¿Habla español?' });
    agent.script = () => ({ reply: '¿Qué día le viene bien?' });
    expect(gather((await turn(callSid, from, { SpeechResult: 'Sí' })).verbs).language).toBe(
      'es-US',
    );
    agent.script = () => ({ reply: 'Ja, gerne.', language: 'de-DE' });
    const de = await turn(callSid, from, { SpeechResult: 'Deutsch?' });
    expect(gather(de.verbs).language).toBe('es-US');
    expect(de.xml).toContain('voice="Polly.Lupe-Neural"');

    // The call ends in Spanish: the text after it is Spanish too, though the caller never booked.
    await stack.post(
      '/twilio/voice/status',
      callParams(callSid, { From: from, CallStatus: 'completed', CallDuration: '40' }),
    );
    await stack.temporal.workflow.getHandle(callWorkflowId(callSid)).result();
    const texts = await stack.tdb.pool.query(
      `SELECT purpose, body FROM outbound_messages WHERE "to" = $1`,
      [from],
    );
    expect(texts.rows).toEqual([
      {
        purpose: 'follow_up',
        body: 'Gracias por llamar a Bright Smile Dental. Si desea reservar una cita o tiene otra pregunta, responda a este mensaje.',
      },
    ]);
  });

  it('greets a caller who booked in Spanish before in Spanish', async () => {
    const from = caller();
    await stack.tdb.pool.query(
      `INSERT INTO contacts (tenant_id, phone, language) VALUES ($1, $2, 'es-US')`,
      [stack.tenantId, from],
    );
    const res = await stack.post('/twilio/voice', callParams(newCallSid(), { From: from }));
    expect(gather(readTwiml(res.text))).toMatchObject({
      language: 'es-US',
      says: ['Gracias por llamar a Bright Smile Dental. ¿En qué puedo ayudarle?'],
    });
  });

  it('still answers a lost call in English, before any language is known', async () => {
    const res = await stack.post(
      '/twilio/voice/turn',
      callParams('CAlost0000000000000000000000000'),
    );
    expect(readTwiml(res.text)[0]).toMatchObject({ verb: 'Say', text: VOICE_TEXT.lostContext });
  });
});
