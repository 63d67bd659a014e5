import type { DateParts } from './when.calendar.ts';

/** The words of dates and times in English, French and Spanish, in their normalised forms. */

function table(groups: [number, string][]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [n, words] of groups) for (const w of words.split(' ')) m.set(w, n);
  return m;
}

/** 0 is Sunday, as `Date.getUTCDay`. */
export const WEEKDAYS = table([
  [0, 'sunday sundays dimanche dimanches domingo domingos'],
  [1, 'monday mondays lundi lundis lunes'],
  [2, 'tuesday tuesdays tues mardi mardis martes'],
  [3, 'wednesday wednesdays weds mercredi mercredis miercoles'],
  [4, 'thursday thursdays thurs jeudi jeudis jueves'],
  [5, 'friday fridays vendredi vendredis viernes'],
  [6, 'saturday saturdays samedi samedis sabado sabados'],
]);

/** Months, 1-12. "may", "mar", "sept" only count next to a day number. */
export const MONTHS = table([
  [1, 'january jan janvier enero'],
  [2, 'february feb fevrier febrero'],
  [3, 'march mars marzo'],
  [4, 'april apr avril abril'],
  [5, 'may mai mayo'],
  [6, 'june jun juin junio'],
  [7, 'july jul juillet julio'],
  [8, 'august aug aout agosto'],
  [9, 'september sep sept septembre septiembre setiembre'],
  [10, 'october oct octobre octubre'],
  [11, 'november nov novembre noviembre'],
  [12, 'december dec decembre diciembre'],
]);

/** Hours said as words. "one", "une", "una" and the like need a clock word or a preposition. */
export const HOUR_WORDS = table([
  [1, 'one une una uno'],
  [2, 'two deux dos'],
  [3, 'three trois tres'],
  [4, 'four quatre cuatro'],
  [5, 'five cinq cinco'],
  [6, 'six seis'],
  [7, 'seven sept siete'],
  [8, 'eight huit ocho'],
  [9, 'nine neuf nueve'],
  [10, 'ten dix diez'],
  [11, 'eleven onze once'],
  [12, 'twelve douze doce'],
  [13, 'treize'],
  [14, 'quatorze'],
  [15, 'quinze'],
  [16, 'seize'],
  [20, 'vingt'],
]);

/** Minutes after an hour word: "ten thirty", "dix heures trente", "diez treinta". */
export const MINUTE_TENS = table([
  [10, 'ten dix diez'],
  [15, 'fifteen quinze quince'],
  [20, 'twenty vingt veinte'],
  [30, 'thirty trente treinta'],
  [40, 'forty quarante cuarenta'],
  [45, 'fortyfive'],
  [50, 'fifty cinquante cincuenta'],
]);
export const MINUTE_UNITS = table([[5, 'five cinq cinco']]);

/** Ordinal words for a day of the month, when a month is named next to them. */
export const ORDINAL_DAYS = table([
  [1, 'first premier primero'],
  [2, 'second'],
  [3, 'third'],
  [4, 'fourth'],
  [5, 'fifth'],
  [6, 'sixth'],
  [7, 'seventh'],
  [8, 'eighth'],
  [9, 'ninth'],
  [10, 'tenth'],
  [11, 'eleventh'],
  [12, 'twelfth'],
  [13, 'thirteenth'],
  [14, 'fourteenth'],
  [15, 'fifteenth'],
  [16, 'sixteenth'],
  [17, 'seventeenth'],
  [18, 'eighteenth'],
  [19, 'nineteenth'],
  [20, 'twentieth'],
  [30, 'thirtieth'],
]);

export const NOON = new Set(['noon', 'midday', 'midi', 'mediodia']);
export const AM = new Set(['am', 'morning', 'matin', 'manana']);
export const PM = new Set([
  'pm',
  'afternoon',
  'evening',
  'night',
  'soir',
  'apres',
  'tarde',
  'noche',
]);
/** "o'clock", "heures", "h", "horas": the number before is a time. */
export const CLOCK_WORDS = new Set([
  "o'clock",
  'oclock',
  'heures',
  'heure',
  'h',
  'horas',
  'hs',
  'hrs',
]);

/** Words right before a number that make it a time ("at 10", "vers 10", "a las 10"). */
export const TIME_CONTEXT = new Set(
  "at around about by after before until till til from between and to @ vers a avant apres entre et jusqu' las la sobre hacia antes despues desde hasta como alrededor environ say".split(
    ' ',
  ),
);
export const AFTER_WORDS = new Set([
  'after',
  'apres',
  'despues',
  'from',
  'desde',
  'partir',
  'past',
]);
export const BEFORE_WORDS = new Set([
  'before',
  'by',
  'until',
  'till',
  'til',
  'avant',
  'antes',
  'hasta',
  "jusqu'",
]);
export const APPROX_WORDS = new Set([
  'around',
  'about',
  'approximately',
  'roughly',
  'vers',
  'environ',
  'alentours',
  'sobre',
  'hacia',
  'alrededor',
  'como',
]);
/** Between a time and what governs it: "antes de las", "a partir de", "alrededor de las". */
export const SKIPPABLE = new Set([
  'de',
  'las',
  'la',
  'the',
  "l'",
  'du',
  'al',
  'a',
  'like',
  'maybe',
]);
/** After a number, these say it is not a time: "2 hours", "3 kids". */
export const NOT_TIME_AFTER = new Set(
  'seconds second sec secs moment minutes minute min mins hours hour people persons kids children teeth days weeks months years dollars bucks euros percent personnes enfants jours semaines mois ans minutos personas ninos dias semanas meses anos dolares'.split(
    ' ',
  ),
);
/** Right after these, a number is the time the caller now wants: "no wait, 11", "digo, las 10". */
export const CORRECTION_LEAD = new Set(
  'wait actually meant mean sorry rather instead attendez attends plutot mejor digo perdon pardon'.split(
    ' ',
  ),
);
export const NEGATIONS = new Set([
  'not',
  "can't",
  'cannot',
  "don't",
  "won't",
  "isn't",
  "doesn't",
  'pas',
  'except',
  'ni',
  'sauf',
  'excepto',
  'menos',
]);

/** "As soon as possible", "the first available": the earliest time there is. */
export const EARLIEST = [
  'as soon as possible',
  'asap',
  'earliest',
  'soonest',
  'first available',
  'next available',
  'first opening',
  'next opening',
  'des que possible',
  'au plus vite',
  'le plus tot possible',
  'le plus vite possible',
  'au plus tot',
  'premiere disponibilite',
  'premier creneau',
  'lo antes posible',
  'lo mas pronto posible',
  'cuanto antes',
  'lo mas pronto',
  'lo primero disponible',
  'earliest available',
  'soonest available',
  'first free',
  'premier disponible',
  'premiere disponible',
  'primero disponible',
  'primera disponible',
].map((p) => p.split(' '));
export const RELATIVE: [string[], number][] = [
  [['day', 'after', 'tomorrow'], 2],
  [['apres', 'demain'], 2],
  [['pasado', 'manana'], 2],
  [['tomorrow'], 1],
  [['tmrw'], 1],
  [['tomorow'], 1],
  [['demain'], 1],
  [['manana'], 1],
  [['today'], 0],
  [["aujourd'hui"], 0],
  [['hoy'], 0],
];
export const WEEKS: [string, NonNullable<DateParts['week']>][] = [
  ['next week', 'next'],
  ['semaine prochaine', 'next'],
  ['semana que viene', 'next'],
  ['proxima semana', 'next'],
  ['semana proxima', 'next'],
  ['this week', 'this'],
  ['cette semaine', 'this'],
  ['esta semana', 'this'],
  ['next weekend', 'nextWeekend'],
  ['weekend', 'weekend'],
  ['week end', 'weekend'],
  ['fin de semana', 'weekend'],
];
export const WEEK_SEQS = WEEKS.map(([p, k]) => [p.split(' '), k] as const);
