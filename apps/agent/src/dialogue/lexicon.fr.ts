import type { Lexicon } from './lexicon.ts';

/** French, normalised: no accents, hyphens split, elisions apart ("j' ai", "c' est", "l' heure"). */

const G = '[^?.!,;]{0,24}';
const RDV = '(?:rendez vous|rdv|reservation|consultation|visite)';
const WHO =
  "(?:quelqu'un|une personne|un humain|un etre humain|une vraie personne|la secretaire|le secretariat|la reception|la receptionniste|un conseiller|une conseillere|le dentiste|le docteur|le medecin|un responsable|le responsable|le directeur|un agent)";

const JOURS = '(?:lun|mar|mercre|jeu|vendre|same)di|dimanche';

export const fr: Lexicon = {
  phrases: {
    override: [
      `(?:ignore|ignorez|oublie|oubliez|contourne)${G}(?:regles?|instructions?|consignes?|prompt|politique|systeme|precedentes?)`,
      `prompt systeme|tu es maintenant|vous etes maintenant|mode developpeur|fais comme si`,
      `gratuitement|(?:sans|pas d' |pas de) (?:l' )?(?:acompte|depot|caution)|sans payer`,
    ],
    trust: [
      `(?:vous etes|tu es|c' est|etes vous|es tu|je parle a)(?: un| une)?(?: vrai| vraie)? (?:robot|machine|ordinateur|ia|personne|humain|enregistrement|arnaque)`,
      `arnaque|pas confiance|fiable`,
    ],
    waitlist: [
      `liste d' attente|liste des desistements|(?:sur|a) (?:la|une|votre) liste`,
      `(?:prevenir|prevenez|previens|prevenez moi|rappelez|rappeler|appelez|ecrivez|envoyez|m' envoyer|tenir au courant|tenez)${G}si${G}(?:libere|liberait|libre|desiste|annule|place)`,
    ],
    handoff: [
      `(?:parler|discuter|parle) (?:a|avec)${G}${WHO}`,
      `(?:me )?(?:transferer|transferez|passer|passez) (?:a |avec )?${WHO}|un humain`,
      `un etre humain|une vraie personne|operateur|operatrice|standard`,
    ],
    complaint: [`plainte|me plaindre|reclamation|pas content|mecontent|inadmissible`],
    message: [
      `laisser (?:un )?message|prendre (?:un )?message`,
      `(?:me rappeler|rappelez moi|rappelle moi|qu' on me rappelle|me recontacter)|messagerie`,
    ],
    cancelFlow: [
      `laisse(?:z)? tomber|oublie(?:z)? (?:ca|cela)|tant pis|j' ai change d' avis`,
      `annule(?:z)? ca|peu importe|(?<=^|[,.!?;] )(?:stop|arretez|arrete)(?=$| [,.!?;])`,
    ],
    returningNot: [`(?:pas|plus) (?:ma|la|notre) premiere (?:fois|visite)`],
    returningNo: [
      `premiere (?:fois|visite)|nouve(?:au|lle|aux) (?:patient|patiente|client|cliente)s?`,
      `je suis nouve(?:au|lle)|jamais venue?|jamais ete`,
    ],
    returningYes: [
      `deja venue?|deja (?:ete|patient|patiente|client|cliente)|deja un dossier`,
      `(?:patient|patiente|client|cliente) (?:habituel|habituelle|regulier|reguliere)`,
      `(?:je suis|j' etais) (?:deja )?(?:patient|patiente|cliente?) chez vous`,
    ],
    cancel: [`annuler${G}${RDV}|annuler (?:mon|ma|le|la)|annuler|annulation de`],
    reschedule: [
      `(?:deplacer|changer|decaler|modifier|reporter|avancer|repousser)${G}${RDV}`,
      `(?:deplacer|decaler|reporter|repousser)|changer (?:la date|l' heure|le jour|l' horaire)`,
      `(?:peux|pourrai|pourrais|vais) pas (?:pouvoir )?(?:venir|aller|etre) a (?:mon|ma|notre) ${RDV}`,
    ],
    lookup: [
      `(?:quand|quel jour|quelle heure|quelle date)${G}(?:mon|ma) ${RDV}`,
      `(?:est ce que )?j' ai ${G}${RDV}|(?:verifier|confirmer|rappeler)${G}(?:mon|ma) ${RDV}`,
      `(?:mon|ma) ${RDV} (?:est|c' est)`,
    ],
    price: [
      `(?:trop|tres|vraiment|assez|un peu|super|si) cher|c' est cher|(?:pas|plus) les moyens`,
      `hors de prix|moins cher|trop eleve|ruineux`,
    ],
    discount: [
      `reductions?|rabais|remises?|promotions?|promos?|code promo|bons? plans?`,
      `offres? speciales?`,
    ],
    timing: [
      `(?:pas|plus) le temps|pas (?:sure?|certaine?) d' avoir le temps`,
      `(?:je vais|laissez moi|laisse moi|je dois) (?:y )?reflechir|je vais voir`,
      `(?:peut etre|on verra) plus tard|pas maintenant|je (?:vous )?rappellerai`,
      `je rappelle(?:rai)? plus tard|verifier mon agenda|trop occupee?`,
    ],
    emergencyWord: [`urgence|urgent|urgente|en urgence`],
    emergency: [
      `j' ai (?:tres |tellement |vraiment |trop |super )?mal|(?:tres|tellement|vraiment) mal`,
      `ca saigne|saigne|saignement|(?:dent|couronne|plombage) (?:cassee?|fendue?|tombee?)`,
      `(?:casse|cassee?) (?:une|ma|la) dent|(?:gonfle|gonflee|enfle|enflee)|abces`,
      `rage de dents?|douleur`,
    ],
    goodbye: [
      `au revoir|bonne (?:journee|soiree|fin de journee)|a bientot|a plus|c' est tout`,
      `ce sera tout|rien d' autre|salut a vous`,
    ],
    greeting: [
      `bonjour|bonsoir|salut|allo|merci(?: beaucoup| bien)?|comment (?:allez vous|ca va|vas tu)`,
      `ca va|enchantee?`,
    ],
    correctionPrefix: [
      `en fait|non attendez|attendez|attends|je voulais dire|finalement|mettons|disons plutot`,
      `je veux dire|(?:non )?pardon(?= (?:, )?(?:je|${JOURS}|demain|le|a|\\d[\\d:]*)(?![^ ]))`,
    ],
    correctionPostfix: [`plutot|au lieu`],
    affirmBook: [`reservez(?: le| la)?|(?:allez y|vous pouvez) (?:le |la )?reserver|inscrivez moi`],
    book: [
      `(?:prendre|avoir|fixer|reserver|obtenir|faire)${G}${RDV}|reserver|prendre rendez vous`,
      `un rendez vous|un rdv|passer vous voir|venir|voir le dentiste`,
    ],
    bookWeak: [
      `disponibilites?|disponible|de la place|un creneau|des creneaux`,
      `(?:vous avez|avez vous|il y a|y a t il) (?:quelque chose|de la place|un creneau|des creneaux|une place)`,
      `quelque chose (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|demain|cette|la semaine)`,
    ],
    affirm: [
      `(?:c' est|ca) (?:parfait|bon|ca|d' accord|tres bien|super|correct|ok)`,
      `ca (?:marche|me va|me convient|roule)|d' accord|parfait|tres bien|allez y|avec plaisir`,
      `volontiers|entendu|tout a fait|bien sur`,
    ],
    deny: [`(?:c' est|ce n' est) pas (?:ca|correct|bon)|pas vraiment|pas du tout|non merci`],
    repeat: [
      `(?:vous pouvez|pouvez vous|tu peux|peux tu|pourriez vous) (?:le )?repeter|repetez`,
      `repeter|(?:je n' ai|j' ai) pas (?:compris|entendu|bien entendu|bien compris)`,
      `vous avez dit quoi|encore une fois`,
    ],
  },
  affirmStart: [`oui|ouais|ouep|ok|exactement|absolument|certainement|dac|voila`],
  denyStart: [`non|pas vraiment|pas du tout|non merci`],
  repeatWhole: [`pardon|comment|quoi|hein|pardon quoi|excusez moi|plait il`],
  knowledge: [
    `horaires?|heures d' ouverture|(?:vous etes|etes vous|c' est|est ce) ouverts?`,
    `ouvert(?:s|e)? (?:le|les|ce|samedi|dimanche|demain)`,
    `(?:a quelle heure|quand) (?:vous )?(?:ouvrez|fermez|ouvre|ferme)|fermez|prix|tarifs?`,
    `combien|coute|cout|frais|assurances?|mutuelle|rembourse|couvert|parking|stationnement`,
    `garer|adresse|ou (?:etes vous|vous trouvez|se trouve|est)|situes?|acompte|caution`,
    `sans rendez vous|appareil dentaire|orthodont|paiement|payer|carte (?:bancaire|de credit)`,
    `especes|acceptez|(?:vous faites|faites vous|vous proposez|proposez vous|vous soignez)`,
    `enfants|combien de temps`,
  ],
  questionStart: [
    `quel|quelle|quels|quelles|ou|quand|comment|combien|pourquoi|qui|est ce que|est ce qu`,
    `avez vous|etes vous|vous avez|y a t il|il y a|faites vous|acceptez vous|qu' est ce`,
  ],
  nameIntro: [
    `je m' appelle|je m appelle|m' appelle|mon nom (?:est|c' est)|moi c' est|mon nom de famille est`,
  ],
  nameIntroWeak: [`c' est|ici|je suis`],
  starters: `je j' est pouvez vous quel quelle ou quand comment combien on il c' et`.split(/\s+/),
  markers: `vos votre tes le les des du au et pour avec dans une mon ma mes est pas ai suis lundi
    mardi mercredi jeudi vendredi samedi dimanche ouverts ouvert ouverte`.split(/\s+/),
  strong: `oui non bonjour bonsoir merci je j' vous voudrais aimerais rendez d' accord demain
    aujourd'hui c' m' appelle avez pouvez ouais salut revoir euh matin apres semaine
    prochaine ca qu' quelqu'un humain premier premiere deuxieme dernier derniere nettoyage
    detartrage blanchiment urgence parfait`.split(/\s+/),
};
