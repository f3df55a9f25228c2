import { badInput } from '@app/common';

/** Grid step for the point vendors see: 0.05° is about 5.5 km north-south. */
export const COARSE_GRID_DEGREES = 0.05;

const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(?:\s*(\d[A-Z]{2}))?$/;

export interface LocationInput {
  postcode?: string | null;
  lat?: number | null;
  lng?: number | null;
}

export interface IntentLocation {
  locationText: string | null;
  exactLat: number | null;
  exactLng: number | null;
  coarseLat: number | null;
  coarseLng: number | null;
  coarseArea: string | null;
}

/** Snaps a coordinate to the centre of its grid cell, so nearby exact points are indistinguishable. */
export function coarsen(value: number): number {
  const cell = Math.floor(value / COARSE_GRID_DEGREES);
  return Number(((cell + 0.5) * COARSE_GRID_DEGREES).toFixed(4));
}

/** The postcode district (outward code): "LS6 3AB" → "LS6". */
export function postcodeDistrict(postcode: string, field: string): string {
  const match = UK_POSTCODE.exec(postcode.trim().toUpperCase());
  if (!match) throw badInput(field, 'postcode must be a UK postcode or postcode district such as "LS6 3AB" or "LS6"');
  return match[1];
}

export function toIntentLocation(input: LocationInput | null | undefined, field = 'input.location'): IntentLocation {
  const empty: IntentLocation = {
    locationText: null,
    exactLat: null,
    exactLng: null,
    coarseLat: null,
    coarseLng: null,
    coarseArea: null,
  };
  if (!input) return empty;
  const hasLat = input.lat !== null && input.lat !== undefined;
  const hasLng = input.lng !== null && input.lng !== undefined;
  if (hasLat !== hasLng) throw badInput(`${field}.${hasLat ? 'lng' : 'lat'}`, 'lat and lng must be given together');
  const location = { ...empty };
  if (input.postcode) {
    location.locationText = input.postcode.trim().toUpperCase();
    location.coarseArea = postcodeDistrict(input.postcode, `${field}.postcode`);
  }
  if (hasLat && hasLng) {
    location.exactLat = input.lat as number;
    location.exactLng = input.lng as number;
    location.coarseLat = coarsen(location.exactLat);
    location.coarseLng = coarsen(location.exactLng);
  }
  if (!location.coarseArea && location.coarseLat === null) {
    throw badInput(field, 'give a postcode, a point (lat and lng), or both');
  }
  return location;
}
