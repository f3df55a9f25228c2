import { Matches, ValidateIf } from 'class-validator';

/** May be left out, but not set to null (for fields whose column cannot be empty). */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

export const IsIdempotencyKey = () =>
  Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKey must be 1-100 characters of A-Z a-z 0-9 _ . : -' });

/** A non-negative decimal string; the currency's own precision is checked by the service. */
export const IsAmount = (name: string) =>
  Matches(/^\d{1,15}(\.\d{1,4})?$/, { message: `${name} must be a non-negative decimal such as "120.50"` });

/** Shape of an ISO 4217 code; whether the code exists is checked by the service. */
export const IsCurrencyCode = () => Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as GBP' });
