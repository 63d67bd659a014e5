/**
 * Finds which of the tenant's services the caller named, by the words of the services' own names
 * ("Cleaning and check-up", "Haircut") and a small table of everyday and foreign words for the
 * common ones ("teeth cleaned", "detartrage", "limpieza", "trim", "corte").
 */

const SYNONYMS: [string, string][] = [
  [
    'clean',
    'clean cleaning cleaned cleanup hygiene scale scaling polish prophylaxis nettoyage nettoyer detartrage detartrer limpieza limpiar limpien limpiarme profilaxis',
  ],
  ['checkup', 'checkup exam examination examen controle bilan revision chequeo'],
  [
    'whiten',
    'whiten whitening whitened whiter bleach bleaching blanchiment blanchir blanqueamiento blanquear blanqueo',
  ],
  ['emergency', 'emergency urgent urgence urgente emergencia urgencia urgencias'],
  ['haircut', 'haircut cut trim coupe corte cortar couper'],
  [
    'color',
    'color colour coloring colouring dye tint highlights couleur coloration teinture tinte tenir mechas',
  ],
  ['consult', 'consult consultation consulta'],
  ['filling', 'filling cavity cavities plombage carie caries empaste'],
  ['extraction', 'extraction extract pulled extraer extraccion'],
  ['crown', 'crown couronne corona'],
  ['implant', 'implant implante'],
  ['massage', 'massage masaje'],
];
const CONCEPT = new Map<string, string>();
for (const [c, words] of SYNONYMS) for (const w of words.split(' ')) CONCEPT.set(w, c);

/** Words of a service's name that say nothing on their own ("visit", "teeth", "and"). */
const WEAK = new Set(
  'and with the of for a an de la le les et y con el del visit visits appointment service session treatment teeth tooth dental hair nail nails dents dientes full basic standard regular adult general new'.split(
    ' ',
  ),
);
/** Near an emergency word, these make it the service ("an emergency visit") rather than a cry for help. */
const VISIT = /^(visit|appointment|appt|slot|rendez|rdv|visite|cita|consulta|turno|consultation)$/;

function stem(w: string): string {
  let s = w.replace(/'s$/, '');
  if (s.length > 4 && s.endsWith('s') && !s.endsWith('ss')) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  return s;
}

function conceptOf(w: string): string {
  return CONCEPT.get(w) ?? CONCEPT.get(stem(w)) ?? stem(w);
}

function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

interface Index {
  services: string[];
  keys: Set<string>[];
}
let cache: { key: string; index: Index } | undefined;

function indexOf(services: string[]): Index {
  const key = services.join('\n');
  if (cache?.key === key) return cache.index;
  const keys = services.map((name) => {
    const words = fold(name)
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const out = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const joined = CONCEPT.get(w + (words[i + 1] ?? '')); // "check up" is "checkup"
      if (words[i + 1] && joined) {
        out.add(joined);
        i++;
      } else if (!WEAK.has(w) && w.length > 2) out.add(conceptOf(w));
    }
    if (!out.size) words.forEach((w) => out.add(conceptOf(w)));
    return out;
  });
  const index = { services, keys };
  cache = { key, index };
  return index;
}

export interface ServiceHit {
  service: string;
  /** The first word that named it. */
  at: number;
  /** Matched only by an emergency word ("it's urgent"). */
  emergencyOnly: boolean;
}

/**
 * The service the caller named among `words[from..to)`, the one with most words matched, then the
 * one said first. `free` leaves out words another rule already took.
 */
export function matchService(
  services: string[],
  words: string[],
  from: number,
  to: number,
  free: (i: number) => boolean,
  expectingService: boolean,
): ServiceHit | undefined {
  if (!services.length) return undefined;
  const { keys } = indexOf(services);
  const seen = new Map<string, number>();
  for (let i = from; i < to; i++) {
    if (!free(i)) continue;
    const w = words[i]!;
    const next = i + 1 < to ? (words[i + 1] ?? '') : '';
    const c = CONCEPT.get(w + next);
    if (c && !seen.has(c)) seen.set(c, i);
    const k = conceptOf(w);
    if (w.length > 2 && !WEAK.has(w) && !seen.has(k)) seen.set(k, i);
  }
  let best: ServiceHit | undefined;
  let bestScore = 0;
  keys.forEach((set, s) => {
    let score = 0;
    let at = Infinity;
    let onlyEmergency = true;
    for (const k of set) {
      const i = seen.get(k);
      if (i === undefined) continue;
      if (k === 'emergency') {
        const near = words.slice(Math.max(from, i - 3), Math.min(to, i + 4));
        if (!expectingService && !near.some((x) => VISIT.test(x))) continue;
      } else onlyEmergency = false;
      score++;
      at = Math.min(at, i);
    }
    if (score > bestScore || (score === bestScore && score > 0 && best && at < best.at)) {
      bestScore = score;
      best = { service: services[s]!, at, emergencyOnly: onlyEmergency };
    }
  });
  return best;
}
