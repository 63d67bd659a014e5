const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/**
 * Normalises what callers and forms give us ("(415) 555-0100", "0044 20 7946 0000") to E.164;
 * numbers without a country code are read in the tenant's default country calling code.
 */
export function toE164(raw: string, defaultCountryCode = '1'): string | null {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/[^\d]/g, '');
  if (!digits) return null;
  if (trimmed.startsWith('+')) return isE164(`+${digits}`) ? `+${digits}` : null;
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (defaultCountryCode === '1' && digits.length === 11 && digits.startsWith('1'))
    digits = `${digits}`;
  else if (digits.startsWith('0')) digits = `${defaultCountryCode}${digits.slice(1)}`;
  else if (digits.length <= 10) digits = `${defaultCountryCode}${digits}`;
  const candidate = `+${digits}`;
  return isE164(candidate) ? candidate : null;
}
