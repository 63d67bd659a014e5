/**
 * The country a phone number belongs to, from its E.164 calling code: enough to keep texts and
 * transfers inside the countries a business serves. Toll fraud aims at the numbers that share a
 * code with cheap ones, so the North American plan (+1) is split: the Caribbean and the
 * territories have their own area codes, and +1 900 / +1 976 are premium lines of no country.
 */

/** "code:CC code:CC ..." as a lookup table. */
function table(spec: string): ReadonlyMap<string, string> {
  return new Map(spec.split(' ').map((pair) => pair.split(':') as [string, string]));
}

/** +1 area codes that are not the United States or Canada (ISO country of each). */
const NANP_OTHER = table(
  '242:BS 246:BB 264:AI 268:AG 284:VG 340:VI 345:KY 441:BM 473:GD 649:TC 658:JM 664:MS ' +
    '670:MP 671:GU 684:AS 721:SX 758:LC 767:DM 784:VC 787:PR 809:DO 829:DO 849:DO 868:TT ' +
    '869:KN 876:JM 939:PR',
);
/** +1 area codes of Canada; the rest of +1 is the United States. */
const CANADA = new Set(
  (
    '204 226 236 249 250 263 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438 450 ' +
    '468 474 506 514 519 548 579 581 584 587 600 604 613 639 647 672 683 705 709 742 753 778 780 ' +
    '782 807 819 825 867 873 879 902 905'
  ).split(' '),
);
/** Premium-rate +1 lines: never a country's ordinary number. */
const NANP_PREMIUM = new Set(['900', '976']);

/** Calling codes of one country each (the longest match wins: +351 before +35). */
const CODES = table(
  '7:RU 20:EG 27:ZA 30:GR 31:NL 32:BE 33:FR 34:ES 36:HU 39:IT 40:RO 41:CH 43:AT 44:GB 45:DK ' +
    '46:SE 47:NO 48:PL 49:DE 51:PE 52:MX 53:CU 54:AR 55:BR 56:CL 57:CO 58:VE 60:MY 61:AU ' +
    '62:ID 63:PH 64:NZ 65:SG 66:TH 81:JP 82:KR 84:VN 86:CN 90:TR 91:IN 92:PK 212:MA 213:DZ ' +
    '216:TN 221:SN 225:CI 234:NG 254:KE 351:PT 352:LU 353:IE 354:IS 356:MT 357:CY 358:FI ' +
    '359:BG 370:LT 371:LV 372:EE 380:UA 385:HR 386:SI 420:CZ 421:SK 852:HK 886:TW 961:LB ' +
    '962:JO 965:KW 966:SA 971:AE 972:IL 974:QA',
);

/** ISO 3166 alpha-2 country of an E.164 number; null when unknown or a premium line. */
export function phoneCountry(e164: string): string | null {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return null;
  const digits = e164.slice(1);
  if (digits.startsWith('1')) {
    const area = digits.slice(1, 4);
    if (NANP_PREMIUM.has(area)) return null;
    return NANP_OTHER.get(area) ?? (CANADA.has(area) ? 'CA' : 'US');
  }
  for (const len of [3, 2, 1]) {
    const country = CODES.get(digits.slice(0, len));
    if (country) return country;
  }
  return null;
}

/**
 * Whether a text or a transfer may go to `to`: its country is in the business's list, or (no
 * list) is the country of the business's own number. An unknown country is never allowed.
 */
export function destinationAllowed(
  to: string,
  opts: { allowedCountries?: readonly string[]; businessPhone?: string | null },
): boolean {
  const country = phoneCountry(to);
  if (!country) return false;
  if (opts.allowedCountries?.length) return opts.allowedCountries.includes(country);
  const own = opts.businessPhone ? phoneCountry(opts.businessPhone) : null;
  return own !== null && own === country;
}
