import type { Lexicon } from './lexicon.ts';

/** English, as callers say it (and as speech recognition writes it: lowercase, no apostrophes). */

const G = '[^?.!,;]{0,24}';
const APPT = '(?:appointment|appt|booking|reservation|visit|slot)';
const WHO =
  '(?:person|human|someone|somebody|anyone|anybody|receptionist|representative|agent|manager|staff|operator|dentist|doctor|owner|people|assistant)';

const DAYS = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
/** "Make it 11", "make that 9"; not "I can't make it", "make it to my appointment". */
const MAKE_IT =
  "(?<!(?:can't|cannot|not|won't|couldn't|to) )make (?:it|that)(?! (?:to|appointment|appt|booking|work|happen|in)(?![^ ]))";
const STOP =
  '(?<=^|[,.!?;] |(?:^| )(?:please|just|okay|oh|no|wait|so|alright|well|and) )stop(?=$| [,.!?;]| (?:please|it|that|this|there|here|now|everything|talking|booking|the (?:booking|call))(?![^ ]))';

export const en: Lexicon = {
  phrases: {
    override: [
      `(?:ignore|disregard|forget|override|bypass)${G}(?:rules?|instructions?|prompt|polic(?:y|ies)|guidelines|programming|previous|above|system)`,
      `system prompt|you are now|you're now|developer mode|dev mode|jailbreak`,
      `act as (?:a|an|if)|pretend (?:to be|you are|you're)|new instructions|for free`,
      `free of charge`,
      `(?:without|skip|waive|no|don't charge|forget) (?:the |a |any |me )?deposit`,
      `without paying|admin mode`,
    ],
    trust: [
      `(?:are you|r u|is this|is that|am i (?:talking|speaking) (?:to|with))(?: a| an)?(?: real| actual)? (?:robot|bot|machine|computer|ai|recording|person|human|human being|legit|real|scam|automated|live)`,
      `legit|scam|is this real|(?:don't|do not|can't|cannot) trust`,
      `how do i know (?:you|this|it)|reviews|trustworthy|sketchy|fraud`,
    ],
    waitlist: [
      `wait ?list|waiting list|standby list|cancellation list|(?:on|to) (?:the|a|your) list`,
      `(?:text|call|tell|let|ping) me${G}if (?:something|anything|a (?:spot|slot|time|space)|one|someone)${G}(?:opens?|comes?|frees?|becomes?|cancels?|available)`,
    ],
    handoff: [
      `(?:talk|speak|chat|talking|speaking) (?:to|with)${G}${WHO}`,
      `(?:put|transfer|connect|patch) me (?:through|to|with)|transfer me`,
      `(?:get|give|find) me${G}(?:person|human|someone|somebody|manager|representative|operator)`,
      `(?:real|live|actual) (?:person|human|agent|people)|human being|a human|operator`,
      `human(?: please| now)?|person please|someone real`,
      `representative`,
    ],
    complaint: [
      `complaints?|complain|(?:unhappy|not happy|disappointed) with`,
      `terrible (?:service|experience)|rude|overcharged|refund`,
    ],
    message: [
      `leave (?:a |him a |her a |them a |the dentist a )?message|take a message`,
      `pass (?:on )?a message|voicemail|(?:call|ring) me back|callback`,
      `(?:have|get|ask) ${G}call me|give me a call`,
    ],
    cancelFlow: [
      `never ?mind|nevermind|forget (?:it|about it|that)|don't worry about it`,
      `cancel (?:that|this)(?! (?:appointment|appt|booking|reservation|visit|one))`,
      `changed my mind|(?:let's|let us|we can|can we|i want to|i'd like to|please|just) stop`,
      // "stop", "stop, never mind", "ok stop that": not "it won't stop", "can't stop the bleeding".
      `${STOP}`,
    ],
    returningNot: [`(?:not|isn't|is not) (?:my|the|our) first (?:time|visit)`],
    returningNo: [
      `first (?:time|visit|appointment)|new (?:patient|here|client|customer)|(?:i'm|i am) new`,
      `never been|(?:haven't|have not|i've not) been|not a patient`,
    ],
    returningYes: [
      `(?:i've|i have|we've|we have) been (?:there |here |in |to you )?(?:before|already)`,
      `(?:i've|i have) been (?:there|here|in)|been (?:there |here |in )?before`,
      `(?:existing|returning|current|regular|repeat) (?:patient|client|customer)`,
      `(?:i'm|i am) (?:a|already a) patient|already a patient|came (?:in )?before|been coming`,
    ],
    cancel: [
      `cancel${G}${APPT}|cancel (?:my|our|the|it|this|that)`,
      `(?:want|need|like|have|going|got|i'd) to cancel(?: (?:my|our|the|this|that)(?: [a-z]+)? ${APPT})?`,
      `cancel|cancellation of`,
    ],
    reschedule: [
      `reschedule|rebook|re book|(?:move|change|switch|push|shift|bump)${G}${APPT}`,
      `(?:move|push|bump|shift) (?:it|that|me|us)|change the (?:time|date|day)`,
      `(?:can't|cannot|can not|won't|couldn't|not) (?:be able to )?make (?:it )?(?:to )?(?:my|the|our|this|that) ${APPT}`,
    ],
    lookup: [
      `(?:when|what time|what day|what date)${G}my (?:[a-z]+ )?${APPT}`,
      `(?:do|did) i (?:have|still have) ${G}${APPT}`,
      `(?:check|confirm|verify|look up|find|remind me of)${G}my ${APPT}`,
      `i (?:have|had|got) an? ${APPT}|my (?:next |upcoming )?${APPT}s? (?:is|was)`,
    ],
    price: [
      `(?:that's|that is|it's|it is|sounds|seems|too|very|really|pretty|quite|kind of|kinda|a bit|bit|way too|so) (?:expensive|pricey|costly|steep)`,
      `(?:way )?too much|(?:that's|that is) a lot|(?:can't|cannot|couldn't) afford`,
      `out of my (?:budget|price range)|over ?priced|cheaper|rip ?off`,
    ],
    discount: [
      `discounts?|deals?|coupons?|promo(?: code)?|promotions?|special offers?|any specials`,
      `lower (?:the )?price|better price`,
    ],
    timing: [
      `(?:not sure|don't know|unsure) (?:if |whether )?i (?:have|got|can find|can make) (?:the )?time`,
      `(?:don't|do not) have (?:the |much )?time|no time|(?:too|i'm|i am) busy|let me think`,
      `think about it|i'll think|need to think|maybe later|not (?:right )?now`,
      `i'll call (?:back|you back)|check my (?:schedule|calendar)|get back to you|not ready`,
    ],
    emergencyWord: [`emergency|urgent|urgently`],
    emergency: [
      `bleeding|bleeds`,
      `(?:lot of|severe|bad|terrible|unbearable|awful|so much|excruciating) pain|in pain`,
      `(?:have|having|got) ${G}pain|hurts? (?:so much|a lot|really bad|badly)|really hurts`,
      `killing me|(?:won't|doesn't|does not|will not|can't|cannot) stop (?:hurting|bleeding|aching|throbbing)`,
      `(?:can't|cannot) stop the (?:bleeding|pain)`,
      `(?:broken|broke|chipped|cracked|knocked out) (?:my |a |the |one |his |her |their |our )?(?:front )?(?:tooth|teeth|filling|crown)`,
      `(?:tooth|teeth) (?:is |are )?(?:broken|cracked|chipped|knocked out|bleeding|fell out)`,
      `(?:knocked|knock) out (?:my |a |the |one |his |her |their |our )?(?:front )?(?:tooth|teeth)|(?:filling|crown) (?:fell|came|has come|come) out`,
      `swollen|swelling|abscess|toothache`,
    ],
    goodbye: [
      `bye|goodbye|good bye|see (?:you|ya)|(?:that's|that is|that'll be) (?:all|everything)`,
      `nothing else|that's all i need(?:ed)?`,
      `have a (?:good|great|nice) (?:day|one|night|evening|afternoon|weekend)|take care`,
      `talk (?:to you )?later|all set|no more questions`,
    ],
    greeting: [
      `hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening|day)|thanks|thank you`,
      `thank you so much|thanks a lot|cheers|how are you(?: doing| today)?|how's it going`,
      `nice to meet you|appreciate it|you too`,
    ],
    correctionPrefix: [
      `actually|no wait|wait|sorry i meant|i meant|i mean(?! it(?![^ ]))|${MAKE_IT}`,
      `change (?:it|that) to|switch (?:it |that )?to|scratch that|on second thought`,
      `(?:no )?sorry(?= (?:, )?(?:i mean|make|no|at|on|the|next|tomorrow|today|${DAYS}|\\d[\\d:]*)(?![^ ]))`,
    ],
    correctionPostfix: [`instead|rather`],
    affirmBook: [
      `book (?:it|that)(?: one)?|go ahead and book(?: it| that| me)?|lock it in|sign me up`,
      `put me down`,
    ],
    book: [
      `book|booking|schedule`,
      `(?:make|get|set up|schedule|book|need|want|like|take|request|grab)${G}(?:appointment|appt|reservation)`,
      `an appointment|come (?:in|by)|get in|(?:fit|squeeze|pencil) me in`,
      `(?:make|book|get|schedule|set up) (?:me )?(?:a )?(?:new|another) (?:one|${APPT})`,
      `see (?:the |a )?(?:dentist|doctor|hygienist)|see me`,
    ],
    bookWeak: [
      `availability|available|openings?|any(?:thing)? (?:open|free|available)`,
      `do you have (?:anything|any time|something|space|room|a spot|an opening|any openings|time)(?: open| free| available)?`,
      `(?:is|are) there (?:anything|any openings|any time|a spot|room)`,
      `anything (?:on|for|this|next|tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|in the)`,
      `a spot`,
    ],
    affirm: [
      `sounds (?:good|great|perfect|fine|right|like a plan)|that works|works for me`,
      `that(?:'s| is| would be) (?:fine|good|great|perfect|correct|right|okay)|go ahead`,
      `please do|let's do (?:it|that)|do it|perfect|no problem|of course|i confirm|yes please`,
      `fine by me`,
    ],
    deny: [`that's (?:not right|wrong|incorrect|not correct)|not that one|not really`],
    repeat: [
      `say (?:that|it) again`,
      `repeat (?:that|it|yourself|please|again|the (?:times|options|time|date))`,
      `(?:can|could|would) you repeat|please repeat|come again`,
      `(?:didn't|did not|couldn't|could not) (?:catch|hear|understand|get) (?:that|you|it|what)`,
      `what did you (?:just )?say|one more time|say again|sorry what|speak up`,
    ],
  },
  affirmStart: [
    `yes|yeah|yea|yep|yup|ya(?! no(?![^ ]))|yah|sure|okay|alright|all right|correct|exactly|absolutely`,
    `definitely|certainly|indeed|affirmative|uh huh|you bet|right`,
  ],
  denyStart: [
    `no|nope|nah|not really|negative|not at all|i don't think so|incorrect|wrong|not quite`,
  ],
  repeatWhole: [
    `what|sorry|sorry what|pardon|pardon me|excuse me|huh|come again|repeat|what was that`,
    `sorry what was that`,
  ],
  knowledge: [
    `hours|opening hours`,
    `open (?:on|until|till|late|today|tomorrow|saturdays?|sundays?|weekends?)`,
    `(?:are|is) (?:you|the office|the clinic|it|your office) open`,
    `(?:when|what time) (?:do|does|are) (?:you|the office|it|they) (?:open|close)|closing`,
    `prices?|pricing|costs?|how much|fees?|charge|insurance|insured|covered|coverage|medicaid`,
    `medicare|parking|park|located|location|address|directions|where (?:are|is)|deposit`,
    `walk ins?|braces|invisalign|payment plans?|financing|pay (?:with|by|in|for)|credit cards?`,
    `cash|accept|do you (?:offer|do|treat|take|see)|kids|children|wheelchair|policy|how long`,
  ],
  questionStart: [
    `is|are|do|can you|could you|what|what's|where|where's|when|how|why|who|which|do you|does`,
    `did you|is there|is it|are there|are you|can you tell|could you tell|i was wondering`,
    `wondering|quick question`,
  ],
  nameIntro: [
    `my name is|my name's|name is|name's|call me|the name is|it is|under the name(?: of)?|in the name of|name`,
  ],
  nameIntroWeak: [`it's|this is|i'm|i am|here is`],
  starters:
    `i i'm i'd i'll i've can could would will do does is are what what's how where when we my
    also please maybe`.split(/\s+/),
  markers: `to and is are for of at that it do can this`.split(/\s+/),
  strong: `the i i'm i'd my you your yes yeah please thanks thank hello hi would like want need
    appointment book tomorrow what could it's morning afternoon bye name with`.split(/\s+/),
};
