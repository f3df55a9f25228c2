import { badInput } from '@app/common';

/** How sensitive an item is; drives the consent receipt's `sensitive` flag and `spiCat`. */
export enum Sensitivity {
  BASIC = 'basic',
  CONTACT = 'contact',
  FINANCIAL = 'financial',
  HEALTH = 'health',
  IDENTITY = 'identity',
}

/** Classes a consent receipt reports as sensitive personal information (Kantara `spiCat`). */
export const SENSITIVE_CLASSES: ReadonlySet<Sensitivity> = new Set([
  Sensitivity.FINANCIAL,
  Sensitivity.HEALTH,
  Sensitivity.IDENTITY,
]);

export enum StandardItemKey {
  LEGAL_NAME = 'legal_name',
  EMAIL = 'email',
  PHONE = 'phone',
  POSTAL_ADDRESS = 'postal_address',
  DATE_OF_BIRTH = 'date_of_birth',
}

interface KeySpec {
  sensitivity: Sensitivity;
  /** Human label, used in consent receipts (`piiCategory`). */
  label: string;
  maxLength: number;
  normalise: (value: string, field: string) => string;
}

const text = (value: string) => value.trim();

const STANDARD: Record<StandardItemKey, KeySpec> = {
  [StandardItemKey.LEGAL_NAME]: {
    sensitivity: Sensitivity.IDENTITY,
    label: 'Legal name',
    maxLength: 200,
    normalise: text,
  },
  [StandardItemKey.EMAIL]: {
    sensitivity: Sensitivity.CONTACT,
    label: 'Email address',
    maxLength: 254,
    normalise: (value, field) => {
      const email = value.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badInput(field, 'value must be an email address');
      return email;
    },
  },
  [StandardItemKey.PHONE]: {
    sensitivity: Sensitivity.CONTACT,
    label: 'Phone number',
    maxLength: 30,
    normalise: (value, field) => {
      const phone = value.trim();
      if (!/^\+?[0-9][0-9 ()-]{5,28}$/.test(phone)) throw badInput(field, 'value must be a phone number');
      return phone;
    },
  },
  [StandardItemKey.POSTAL_ADDRESS]: {
    sensitivity: Sensitivity.CONTACT,
    label: 'Postal address',
    maxLength: 500,
    normalise: text,
  },
  [StandardItemKey.DATE_OF_BIRTH]: {
    sensitivity: Sensitivity.IDENTITY,
    label: 'Date of birth',
    maxLength: 10,
    normalise: (value, field) => {
      const date = value.trim();
      const parsed = new Date(`${date}T00:00:00Z`);
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
        Number.isNaN(parsed.getTime()) ||
        parsed.toISOString().slice(0, 10) !== date
      ) {
        throw badInput(field, 'value must be a date such as 1980-04-30');
      }
      if (parsed.getTime() > Date.now()) throw badInput(field, 'date of birth must be in the past');
      return date;
    },
  },
};

export const CUSTOM_PREFIX = 'custom.';
/** Custom keys are labels, not content: they are visible to vendors granted the item and kept in the data-use log. */
const CUSTOM_KEY = /^custom\.[a-z][a-z0-9_]{0,39}$/;
const CUSTOM_MAX_LENGTH = 2000;

export const isStandardKey = (key: string): key is StandardItemKey =>
  (Object.values(StandardItemKey) as string[]).includes(key);

/** Validates an item key: one of the standard keys, or `custom.<slug>` (lower case, digits, underscores). */
export function parseItemKey(key: string, field: string): string {
  if (isStandardKey(key) || CUSTOM_KEY.test(key)) return key;
  throw badInput(
    field,
    `key must be one of ${Object.values(StandardItemKey).join(', ')} or custom.<name> (a-z, 0-9, _; at most 40)`,
  );
}

export function defaultSensitivity(key: string): Sensitivity {
  return isStandardKey(key) ? STANDARD[key].sensitivity : Sensitivity.BASIC;
}

export function itemLabel(key: string): string {
  return isStandardKey(key) ? STANDARD[key].label : `Custom: ${key.slice(CUSTOM_PREFIX.length).replace(/_/g, ' ')}`;
}

/** Checks and normalises a value for its key; errors name `field`. */
export function normaliseItemValue(key: string, value: string, field: string): string {
  const spec = isStandardKey(key) ? STANDARD[key] : null;
  const normalised = spec ? spec.normalise(value, field) : value.trim();
  const maxLength = spec?.maxLength ?? CUSTOM_MAX_LENGTH;
  if (normalised.length === 0) throw badInput(field, 'value must not be empty');
  if (normalised.length > maxLength) throw badInput(field, `value must be at most ${maxLength} characters`);
  return normalised;
}
