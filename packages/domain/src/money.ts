/** Money is always integer minor units with an ISO 4217 currency; never floats. */
export interface Money {
  amountMinor: number;
  currency: string;
}

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF']);

export function minorUnitDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

export function formatMoney(m: Money, locale = 'en-US'): string {
  const digits = minorUnitDigits(m.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: digits,
  }).format(m.amountMinor / 10 ** digits);
}
