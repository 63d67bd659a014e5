import type { Language } from './commands.ts';

/**
 * Everything the receptionist says, in each language it speaks. The flows choose what to say; the
 * words live here, once per language, so a French caller hears the same flow in French.
 */
export interface Phrasebook {
  or(items: string[]): string;
  askService(services: string[]): string;
  defaultService(service: string): string;
  askWhen(service: string): string;
  offer(service: string, times: string[]): string;
  offerNext(service: string, times: string[]): string;
  notThatTime(asked: string, times: string[]): string;
  nothingFree(service: string, onThatDay: boolean): string;
  /** `day` as spokenDay says it: "Thursday", "jeudi", "el jueves". */
  dayFull(day: string): string;
  offerOrWaitlist(service: string, times: string[], day: string): string;
  onlyWaitlist(service: string, day: string): string;
  waitlistJoined(day: string, already: boolean): string;
  meanwhile(times: string[]): string;
  waitlistWhichDay(): string;
  /** `weekday` as a habit: "Sundays", "le dimanche", "los domingos". */
  closedDay(weekday: string, nextOpen?: string): string;
  closesAt(weekday: string, time: string): string;
  opensAt(weekday: string, time: string): string;
  closedDate(): string;
  askName(time: string): string;
  readBack(what: string, deposit?: string): string;
  depositNote(amount: string): string;
  bookedDeposit(when: string, amount: string, texted: boolean): string;
  bookedConfirmed(when: string): string;
  anythingElse(): string;
  notBooked(): string;
  slotTaken(times: string[]): string;
  bookingTrouble(): string;
  noPayments(): string;
  usualTerms(): string;
  notAllowed(): string;
  noBookingFound(): string;
  confirmCancel(service: string, when: string): string;
  cancelled(): string;
  unchanged(): string;
  askNewTime(service: string, when: string): string;
  confirmMove(service: string, when: string): string;
  moved(when: string): string;
  yourBookings(list: string[]): string;
  notKnown(): string;
  /** "Is this the dentist?": who they have reached. */
  reached(business: string): string;
  hours(text: string): string;
  resume(question: string): string;
  objection(answer: string): string;
  objectionNone(): string;
  noDiscount(answer?: string): string;
  connecting(): string;
  askMessage(): string;
  messageTaken(): string;
  noOneToTransfer(): string;
  teamTrouble(): string;
  emergency(): string;
  goodbye(business: string): string;
  hello(): string;
  codeText(business: string, code: string): string;
  codeSent(): string;
  codeWrong(again: boolean): string;
  codeExpired(): string;
  offerBooking(): string;
  greetName(name: string): string;
  welcome(): string;
  clarify(): string;
  confirmAgain(what: string): string;
  offerPerson(): string;
  closedWord(): string;
  dayHours(weekday: string, ranges: string[]): string;
  article(service: string): string;
  readBackWhat(service: string, name: string, when: string): string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const join = (items: string[], word: string) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;

const en: Phrasebook = {
  or: (i) => join(i, 'or'),
  askService: (s) => `Of course. Which service would you like: ${en.or(s)}?`,
  defaultService: (s) =>
    `I'll put you down for ${en.article(s)} ${s}; tell me if you meant something else.`,
  askWhen: (s) => `What day and time would suit you for the ${s}?`,
  offer: (s, t) => `For ${en.article(s)} ${s} I can offer ${en.or(t)}. Which would suit you?`,
  offerNext: (s, t) =>
    `For ${en.article(s)} ${s}, the next free times are ${en.or(t)}. Would one of those suit you, or is there a day you'd prefer?`,
  notThatTime: (a, t) =>
    `I'm sorry, ${a} isn't free. The nearest I have are ${en.or(t)}. Would one of those work?`,
  nothingFree: (s, day) =>
    `I'm sorry, I have nothing free ${day ? 'then' : 'in the next two weeks'} for ${en.article(s)} ${s}. Would another day work, or shall I have someone call you back?`,
  dayFull: (d) => `I'm sorry, ${d} is fully booked.`,
  offerOrWaitlist: (s, t, d) =>
    `For ${en.article(s)} ${s} I can offer ${en.or(t)}, or I can put you on the waitlist for ${d} and text you if something opens up. What would you prefer?`,
  onlyWaitlist: (s, d) =>
    `I have nothing else free in the next two weeks for ${en.article(s)} ${s}, but I can put you on the waitlist for ${d} and text you if something opens up. Would you like that?`,
  waitlistJoined: (d, already) =>
    already
      ? `You're already on the waitlist for ${d}; we'll text you if something opens up.`
      : `Done, you're on the waitlist for ${d}. We'll text you if something opens up.`,
  meanwhile: (t) =>
    `In the meantime, I can still book you ${en.or(t)}. Would one of those suit you?`,
  waitlistWhichDay: () => 'Of course. Which day would you like to be on the waitlist for?',
  closedDay: (d, next) => `We're closed on ${d}.${next ? ` We're open again ${next}.` : ''}`,
  closesAt: (d, t) => `We close at ${t} on ${d}.`,
  opensAt: (d, t) => `We open at ${t} on ${d}.`,
  closedDate: () => "We're closed that day.",
  askName: (t) => `${t} works. May I have your name, please?`,
  readBack: (w, dep) => `Just to confirm: ${w}.${dep ? ` ${dep}` : ''} Shall I book that?`,
  depositNote: (a) =>
    `There's a ${a} deposit to hold it, and I'll text you a secure link to pay it.`,
  bookedDeposit: (w, a, texted) =>
    `You're booked for ${w}. ${texted ? `I've texted you the link to pay the ${a} deposit that holds it.` : `The team will text you how to pay the ${a} deposit that holds it.`}`,
  bookedConfirmed: (w) => `You're all set for ${w}. I've texted you the confirmation.`,
  anythingElse: () => 'Is there anything else I can help with?',
  notBooked: () => "No problem, I haven't booked anything.",
  slotTaken: (t) =>
    `I'm sorry, that time was just taken. I can offer ${en.or(t)}. Which would suit you?`,
  bookingTrouble: () =>
    "I'm sorry, I couldn't complete the booking just now. I can put you through to the team, or have someone call you back. Which would you prefer?",
  noPayments: () =>
    "I can't take the deposit online right now. Shall I have the team call you to set up the appointment?",
  usualTerms: () =>
    "I'm sorry, I can only book appointments under our usual terms, deposit included.",
  notAllowed: () =>
    "I'm sorry, I can't do that. I can book or change your appointment, or answer questions about the practice.",
  noBookingFound: () =>
    "I can't find an upcoming booking for the number you're calling from. Would you like to make one?",
  confirmCancel: (s, w) => `I see your ${s} ${w}. Shall I cancel it?`,
  cancelled: () => "Done, I've cancelled it. You'll get a text to confirm.",
  unchanged: () => "Alright, I haven't changed anything.",
  askNewTime: (s, w) => `I see your ${s} ${w}. What day and time would suit you instead?`,
  confirmMove: (s, w) => `Just to confirm: move your ${s} to ${w}?`,
  moved: (w) => `Done, your appointment is now ${w}.`,
  yourBookings: (l) => `You have ${en.or(l).replace(/ or /, ' and ')}.`,
  reached: (b) => `Yes, you've reached ${b}. How can I help?`,
  notKnown: () =>
    "I'm not sure about that, and I'd rather not guess. Shall I have someone from the team call you back about it?",
  hours: (t) => `Our opening hours are: ${t}.`,
  resume: (q) => `Now, about your booking: ${q}`,
  objection: (a) => `I understand. ${a} Would you like me to find a time that suits you?`,
  objectionNone: () =>
    'I understand. I can have someone from the team talk it through with you, or find a time that suits you. What would you prefer?',
  noDiscount: (a) =>
    `I'm not able to offer a discount myself.${a ? ` ${a}` : ''} I can have someone from the team call you about it, or find you a time. What would you prefer?`,
  connecting: () => "Of course. I'm connecting you to a member of our team now.",
  askMessage: () => 'Of course. What message would you like me to pass on?',
  messageTaken: () =>
    "Thank you, I've passed your message on. Someone from the team will call you back at this number.",
  noOneToTransfer: () =>
    'No one can take the call right now, but I can take a message and have someone call you back. What would you like me to pass on?',
  teamTrouble: () =>
    "I'm sorry, I couldn't reach the team just now. Please call back in a few minutes.",
  emergency: () => "I'm sorry you're going through that; let's get you seen quickly.",
  goodbye: (b) => `Thank you for calling ${b}. Have a great day!`,
  codeText: (b, c) =>
    `${b}: your code is ${c}. Read it to the receptionist on the line; it expires in 10 minutes.`,
  codeSent: () =>
    "To keep your appointments safe, I've just texted a 6-digit code to the number you're calling from. Could you read it to me?",
  codeWrong: (again) =>
    again
      ? "That code doesn't match. Could you read it again?"
      : "That code doesn't match, so I can't change anything on this call.",
  codeExpired: () => 'That code has expired.',
  hello: () => 'Hello! How can I help you today?',
  offerBooking: () => 'Would you like me to find a time for you?',
  greetName: (n) => `Thanks, ${n}. How can I help you today?`,
  welcome: () => "You're welcome.",
  clarify: () =>
    "Sorry, I didn't quite catch that. Would you like to book a visit, or do you have a question?",
  confirmAgain: (w) => `Shall I go ahead with ${w}? Just say yes or no.`,
  offerPerson: () => 'I can also put you through to someone on the team if that is easier.',
  closedWord: () => 'closed',
  dayHours: (d, r) => `${d} ${r.join(' and ')}`,
  article: (s) => (/^[aeiou]/i.test(s) ? 'an' : 'a'),
  readBackWhat: (s, n, w) => `${en.article(s)} ${s} for ${n} ${w}`,
};

const fr: Phrasebook = {
  or: (i) => join(i, 'ou'),
  askService: (s) => `Bien sûr. Quel service souhaitez-vous : ${fr.or(s)} ?`,
  defaultService: (s) => `Je note « ${s} » ; dites-moi si vous pensiez à autre chose.`,
  askWhen: (s) => `Quel jour et quelle heure vous conviendraient pour « ${s} » ?`,
  offer: (s, t) =>
    `Pour « ${s} », je peux vous proposer ${fr.or(t)}. Qu'est-ce qui vous convient ?`,
  offerNext: (s, t) =>
    `Pour « ${s} », les prochains créneaux libres sont ${fr.or(t)}. L'un d'eux vous convient-il, ou préférez-vous un autre jour ?`,
  notThatTime: (a, t) =>
    `Désolée, ${a} n'est pas libre. Au plus près, j'ai ${fr.or(t)}. Est-ce que l'un de ces créneaux vous irait ?`,
  nothingFree: (s, day) =>
    `Désolée, je n'ai rien de libre ${day ? 'à ce moment-là' : 'dans les deux semaines'} pour « ${s} ». Un autre jour vous irait-il, ou préférez-vous être rappelé ?`,
  dayFull: (d) => `Désolée, ${d} est complet.`,
  offerOrWaitlist: (s, t, d) =>
    `Pour « ${s} », je peux vous proposer ${fr.or(t)}, ou vous inscrire sur la liste d'attente pour ${d} et vous prévenir par SMS si une place se libère. Que préférez-vous ?`,
  onlyWaitlist: (s, d) =>
    `Je n'ai rien d'autre de libre dans les deux semaines pour « ${s} », mais je peux vous inscrire sur la liste d'attente pour ${d} et vous prévenir par SMS si une place se libère. Le souhaitez-vous ?`,
  waitlistJoined: (d, already) =>
    already
      ? `Vous êtes déjà sur la liste d'attente pour ${d} ; nous vous préviendrons par SMS si une place se libère.`
      : `C'est noté, vous êtes sur la liste d'attente pour ${d}. Nous vous préviendrons par SMS si une place se libère.`,
  meanwhile: (t) =>
    `En attendant, je peux toujours vous réserver ${fr.or(t)}. L'un de ces créneaux vous convient-il ?`,
  waitlistWhichDay: () => "Bien sûr. Pour quel jour souhaitez-vous être sur la liste d'attente ?",
  closedDay: (d, next) => `Nous sommes fermés ${d}.${next ? ` Nous rouvrons ${next}.` : ''}`,
  closesAt: (d, t) => `${cap(d)}, nous fermons à ${t}.`,
  opensAt: (d, t) => `${cap(d)}, nous ouvrons à ${t}.`,
  closedDate: () => 'Nous sommes fermés ce jour-là.',
  askName: (t) => `${t}, c'est possible. À quel nom, s'il vous plaît ?`,
  readBack: (w, dep) => `Je récapitule : ${w}.${dep ? ` ${dep}` : ''} Je confirme la réservation ?`,
  depositNote: (a) =>
    `Un acompte de ${a} est demandé ; je vous envoie un lien sécurisé par SMS pour le régler.`,
  bookedDeposit: (w, a, texted) =>
    `C'est réservé pour ${w}. ${texted ? `Je vous ai envoyé par SMS le lien pour régler l'acompte de ${a}.` : `L'équipe vous enverra par SMS comment régler l'acompte de ${a}.`}`,
  bookedConfirmed: (w) => `C'est confirmé pour ${w}. Je vous ai envoyé la confirmation par SMS.`,
  anythingElse: () => 'Puis-je vous aider pour autre chose ?',
  notBooked: () => "Pas de souci, je n'ai rien réservé.",
  slotTaken: (t) =>
    `Désolée, ce créneau vient d'être pris. Je peux vous proposer ${fr.or(t)}. Qu'est-ce qui vous convient ?`,
  bookingTrouble: () =>
    "Désolée, je n'ai pas pu terminer la réservation. Je peux vous passer l'équipe ou vous faire rappeler. Que préférez-vous ?",
  noPayments: () =>
    "Je ne peux pas prendre l'acompte en ligne pour le moment. Voulez-vous que l'équipe vous rappelle pour fixer le rendez-vous ?",
  usualTerms: () => 'Désolée, je ne peux réserver qu’aux conditions habituelles, acompte compris.',
  notAllowed: () =>
    'Désolée, je ne peux pas faire cela. Je peux prendre ou modifier votre rendez-vous, ou répondre à vos questions sur le cabinet.',
  noBookingFound: () =>
    'Je ne trouve pas de rendez-vous à venir pour ce numéro. Voulez-vous en prendre un ?',
  confirmCancel: (s, w) => `Je vois votre rendez-vous « ${s} » ${w}. Je l'annule ?`,
  cancelled: () => "C'est annulé. Vous recevrez un SMS de confirmation.",
  unchanged: () => "D'accord, je n'ai rien changé.",
  askNewTime: (s, w) =>
    `Je vois votre rendez-vous « ${s} » ${w}. Quel jour et quelle heure vous conviendraient à la place ?`,
  confirmMove: (s, w) => `Je récapitule : je déplace « ${s} » à ${w} ?`,
  moved: (w) => `C'est fait, votre rendez-vous est maintenant ${w}.`,
  yourBookings: (l) => `Vous avez ${join(l, 'et')}.`,
  reached: (b) => `Oui, vous êtes bien chez ${b}. Que puis-je faire pour vous ?`,
  notKnown: () =>
    "Je ne suis pas sûre, et je préfère ne pas inventer. Voulez-vous que quelqu'un de l'équipe vous rappelle à ce sujet ?",
  hours: (t) => `Nos horaires : ${t}.`,
  resume: (q) => `Pour revenir à votre rendez-vous : ${q}`,
  objection: (a) => `Je comprends. ${a} Voulez-vous que je vous trouve un créneau ?`,
  objectionNone: () =>
    "Je comprends. Quelqu'un de l'équipe peut en parler avec vous, ou je peux vous trouver un créneau. Que préférez-vous ?",
  noDiscount: (a) =>
    `Je ne peux pas accorder de réduction moi-même.${a ? ` ${a}` : ''} Je peux demander à l'équipe de vous rappeler, ou vous trouver un créneau. Que préférez-vous ?`,
  connecting: () => 'Bien sûr, je vous mets en relation avec un membre de notre équipe.',
  askMessage: () => 'Bien sûr. Quel message souhaitez-vous laisser ?',
  messageTaken: () =>
    "Merci, j'ai transmis votre message. Quelqu'un de l'équipe vous rappellera à ce numéro.",
  noOneToTransfer: () =>
    "Personne n'est disponible pour le moment, mais je peux prendre un message pour qu'on vous rappelle. Que souhaitez-vous transmettre ?",
  teamTrouble: () =>
    "Désolée, je n'arrive pas à joindre l'équipe. Merci de rappeler dans quelques minutes.",
  emergency: () => 'Je suis désolée, on va vous recevoir au plus vite.',
  goodbye: (b) => `Merci d'avoir appelé ${b}. Bonne journée !`,
  codeText: (b, c) =>
    `${b} : votre code est ${c}. Lisez-le à l'accueil au téléphone ; il expire dans 10 minutes.`,
  codeSent: () =>
    "Pour protéger vos rendez-vous, je viens d'envoyer un code à 6 chiffres par SMS au numéro qui m'appelle. Pouvez-vous me le lire ?",
  codeWrong: (again) =>
    again
      ? 'Ce code ne correspond pas. Pouvez-vous le relire ?'
      : 'Ce code ne correspond pas, je ne peux donc rien modifier pendant cet appel.',
  codeExpired: () => 'Ce code a expiré.',
  hello: () => 'Bonjour ! Comment puis-je vous aider ?',
  offerBooking: () => 'Voulez-vous que je vous trouve un créneau ?',
  greetName: (n) => `Merci, ${n}. Comment puis-je vous aider ?`,
  welcome: () => 'Je vous en prie.',
  clarify: () =>
    "Pardon, je n'ai pas bien compris. Souhaitez-vous prendre rendez-vous, ou avez-vous une question ?",
  confirmAgain: (w) => `Je confirme ${w} ? Répondez simplement oui ou non.`,
  offerPerson: () => "Je peux aussi vous passer quelqu'un de l'équipe si c'est plus simple.",
  closedWord: () => 'fermé',
  dayHours: (d, r) => `${d} ${r.join(' et ')}`,
  article: () => '',
  readBackWhat: (s, n, w) => `« ${s} » pour ${n}, ${w}`,
};

const es: Phrasebook = {
  or: (i) => join(i, 'o'),
  askService: (s) => `Claro. ¿Qué servicio desea: ${es.or(s)}?`,
  defaultService: (s) => `Le apunto para «${s}»; dígame si se refería a otra cosa.`,
  askWhen: (s) => `¿Qué día y a qué hora le vendría bien para «${s}»?`,
  offer: (s, t) => `Para «${s}» puedo ofrecerle ${es.or(t)}. ¿Cuál le viene mejor?`,
  offerNext: (s, t) =>
    `Para «${s}», las próximas horas libres son ${es.or(t)}. ¿Le viene bien alguna, o prefiere otro día?`,
  notThatTime: (a, t) =>
    `Lo siento, ${a} no está libre. Lo más cercano que tengo es ${es.or(t)}. ¿Le sirve alguno?`,
  nothingFree: (s, day) =>
    `Lo siento, no tengo nada libre ${day ? 'en ese momento' : 'en las próximas dos semanas'} para «${s}». ¿Le viene bien otro día, o prefiere que le llamen?`,
  dayFull: (d) => `Lo siento, ${d} está completo.`,
  offerOrWaitlist: (s, t, d) =>
    `Para «${s}» puedo ofrecerle ${es.or(t)}, o apuntarle en la lista de espera para ${d} y avisarle por SMS si se libera algo. ¿Qué prefiere?`,
  onlyWaitlist: (s, d) =>
    `No tengo nada más libre en las próximas dos semanas para «${s}», pero puedo apuntarle en la lista de espera para ${d} y avisarle por SMS si se libera algo. ¿Le parece bien?`,
  waitlistJoined: (d, already) =>
    already
      ? `Ya está en la lista de espera para ${d}; le avisaremos por SMS si se libera algo.`
      : `Hecho, está en la lista de espera para ${d}. Le avisaremos por SMS si se libera algo.`,
  meanwhile: (t) => `Mientras tanto, puedo reservarle ${es.or(t)}. ¿Le viene bien alguna?`,
  waitlistWhichDay: () => 'Claro. ¿Para qué día quiere estar en la lista de espera?',
  closedDay: (d, next) => `${cap(d)} estamos cerrados.${next ? ` Volvemos a abrir ${next}.` : ''}`,
  closesAt: (d, t) => `${cap(d)} cerramos a ${t}.`,
  opensAt: (d, t) => `${cap(d)} abrimos a ${t}.`,
  closedDate: () => 'Ese día estamos cerrados.',
  askName: (t) => `${t} está bien. ¿A nombre de quién, por favor?`,
  readBack: (w, dep) => `Para confirmar: ${w}.${dep ? ` ${dep}` : ''} ¿Se lo reservo?`,
  depositNote: (a) =>
    `Se pide un depósito de ${a} para reservarla; le envío por SMS un enlace seguro para pagarlo.`,
  bookedDeposit: (w, a, texted) =>
    `Queda reservada para ${w}. ${texted ? `Le he enviado por SMS el enlace para pagar el depósito de ${a}.` : `El equipo le enviará por SMS cómo pagar el depósito de ${a}.`}`,
  bookedConfirmed: (w) => `Queda confirmada para ${w}. Le he enviado la confirmación por SMS.`,
  anythingElse: () => '¿Le puedo ayudar en algo más?',
  notBooked: () => 'No se preocupe, no he reservado nada.',
  slotTaken: (t) =>
    `Lo siento, esa hora se acaba de ocupar. Puedo ofrecerle ${es.or(t)}. ¿Cuál le viene mejor?`,
  bookingTrouble: () =>
    'Lo siento, no he podido completar la reserva. Puedo pasarle con el equipo o pedir que le llamen. ¿Qué prefiere?',
  noPayments: () =>
    'Ahora mismo no puedo cobrar el depósito en línea. ¿Quiere que el equipo le llame para concertar la cita?',
  usualTerms: () =>
    'Lo siento, solo puedo reservar con las condiciones habituales, depósito incluido.',
  notAllowed: () =>
    'Lo siento, no puedo hacer eso. Puedo reservar o cambiar su cita, o responder a sus preguntas sobre la clínica.',
  noBookingFound: () => 'No encuentro ninguna cita próxima para este número. ¿Quiere pedir una?',
  confirmCancel: (s, w) => `Veo su cita de «${s}» ${w}. ¿La cancelo?`,
  cancelled: () => 'Hecho, la he cancelado. Recibirá un SMS de confirmación.',
  unchanged: () => 'De acuerdo, no he cambiado nada.',
  askNewTime: (s, w) => `Veo su cita de «${s}» ${w}. ¿Qué día y hora le vendrían mejor?`,
  confirmMove: (s, w) => `Para confirmar: ¿paso su cita de «${s}» a ${w}?`,
  moved: (w) => `Hecho, su cita queda ${w}.`,
  yourBookings: (l) => `Tiene ${join(l, 'y')}.`,
  reached: (b) => `Sí, ha llamado a ${b}. ¿En qué puedo ayudarle?`,
  notKnown: () =>
    'No estoy segura y prefiero no inventar. ¿Quiere que alguien del equipo le llame para responderle?',
  hours: (t) => `Nuestro horario: ${t}.`,
  resume: (q) => `Volviendo a su cita: ${q}`,
  objection: (a) => `Le entiendo. ${a} ¿Quiere que le busque una hora?`,
  objectionNone: () =>
    'Le entiendo. Alguien del equipo puede hablarlo con usted, o puedo buscarle una hora. ¿Qué prefiere?',
  noDiscount: (a) =>
    `Yo no puedo ofrecer descuentos.${a ? ` ${a}` : ''} Puedo pedir que alguien del equipo le llame, o buscarle una hora. ¿Qué prefiere?`,
  connecting: () => 'Por supuesto, le paso con un miembro de nuestro equipo.',
  askMessage: () => 'Por supuesto. ¿Qué mensaje quiere dejar?',
  messageTaken: () => 'Gracias, he pasado su mensaje. Alguien del equipo le llamará a este número.',
  noOneToTransfer: () =>
    'Ahora mismo no hay nadie disponible, pero puedo tomar un mensaje para que le llamen. ¿Qué quiere que les diga?',
  teamTrouble: () =>
    'Lo siento, no consigo contactar con el equipo. Por favor, llame de nuevo en unos minutos.',
  emergency: () => 'Siento mucho lo que le pasa; vamos a atenderle cuanto antes.',
  goodbye: (b) => `Gracias por llamar a ${b}. ¡Que tenga un buen día!`,
  codeText: (b, c) =>
    `${b}: su código es ${c}. Léalo a la recepción por teléfono; caduca en 10 minutos.`,
  codeSent: () =>
    'Para proteger sus citas, acabo de enviar un código de 6 dígitos por SMS al número desde el que llama. ¿Me lo puede leer?',
  codeWrong: (again) =>
    again
      ? 'Ese código no coincide. ¿Me lo puede leer otra vez?'
      : 'Ese código no coincide, así que no puedo cambiar nada en esta llamada.',
  codeExpired: () => 'Ese código ha caducado.',
  hello: () => '¡Hola! ¿En qué puedo ayudarle?',
  offerBooking: () => '¿Quiere que le busque una hora?',
  greetName: (n) => `Gracias, ${n}. ¿En qué puedo ayudarle?`,
  welcome: () => 'De nada.',
  clarify: () =>
    'Perdone, no le he entendido bien. ¿Quiere pedir una cita, o tiene alguna pregunta?',
  confirmAgain: (w) => `¿Confirmo ${w}? Diga simplemente sí o no.`,
  offerPerson: () => 'También puedo pasarle con alguien del equipo si le resulta más fácil.',
  closedWord: () => 'cerrado',
  dayHours: (d, r) => `${d} ${r.join(' y ')}`,
  article: () => '',
  readBackWhat: (s, n, w) => `«${s}» a nombre de ${n}, ${w}`,
};

export const phrasebooks: Record<Language, Phrasebook> = { en, fr, es };

export const phrases = (lang: Language): Phrasebook => phrasebooks[lang];
