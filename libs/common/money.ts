import { badInput } from './errors';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

const MINOR_UNITS = new Map<string, number>();

/** ISO 4217 minor units (GBP 2, JPY 0, KWD 3) as the runtime's ICU data knows them. */
export function minorUnits(currency: string): number {
  // Building an Intl.NumberFormat costs ~50 µs, and every Money field formats one amount: remember
  // the answer per known currency (a bounded set), compute anything else afresh.
  const known = MINOR_UNITS.get(currency);
  if (known !== undefined) return known;
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (CURRENCIES.has(currency)) MINOR_UNITS.set(currency, digits);
  return digits;
}

/** Largest amount we accept: a bigint column in minor units, kept well inside Number.MAX_SAFE_INTEGER. */
const MAX_MINOR = 10n ** 14n;

/** Parses a decimal string such as "1250.50" into minor units, checking the currency's precision. */
export function parseAmount(amount: string, currency: string, field: string): bigint {
  if (!isCurrency(currency)) throw badInput(`${field}.currency`, `${currency} is not an ISO 4217 currency code`);
  const digits = minorUnits(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(amount);
  if (!match) {
    throw badInput(`${field}.amount`, 'amount must be a non-negative decimal such as "120.50"');
  }
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) {
    throw badInput(`${field}.amount`, `${currency} amounts have at most ${digits} decimal places`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > MAX_MINOR) throw badInput(`${field}.amount`, 'amount is too large');
  return minor;
}

export function formatAmount(minor: bigint | string | number, currency: string): string {
  const value = BigInt(minor);
  const digits = minorUnits(currency);
  if (digits === 0) return value.toString();
  const scale = 10n ** BigInt(digits);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(digits, '0');
  return `${whole}.${fraction}`;
}

/** For messages: "500.00 GBP". */
export function formatMoney(minor: bigint | string | number, currency: string): string {
  return `${formatAmount(minor, currency)} ${currency}`;
}
