/**
 * A labelled market for the matching-quality evaluation: vendors whose true trade is known (the
 * categories they list, or would list: some list none), rare specialists, decoys whose
 * descriptions are full of town names and common words; intents of five classes, each with the
 * set of vendors that are relevant to it written down from those labels and the service areas —
 * never from the matcher under test.
 *
 * Relevance, as the product defines it: a need with a category is for the vendors whose trade is
 * in its category family (the category, the ones below it, its parent) and whose area reaches the
 * intent; a need for a specialty is for that specialty's vendors whose area reaches it (and for the
 * vendors of its category where every one of them serves it: entertainers for a magician).
 */
import { DEMO_PLACES } from '@app/demo';
import { PLAYBOOKS_V1 } from '@app/playbooks/playbooks.data';
import { TAXONOMY_V1 } from '@app/taxonomy/taxonomy.data';
import { coarsen } from '@app/intents/coarse-location';
import { random } from '../matching/common';
import { COMMON_SENTENCES, NAME_PREFIXES, PLACES } from '../matching/vocabulary';
import { SPECIALTIES, type Specialty } from './specialties';

export type IntentClass = 'categorised' | 'multi-component' | 'long-tail' | 'misspelt' | 'places-and-common-words';
export const INTENT_CLASSES: IntentClass[] = [
  'categorised',
  'multi-component',
  'long-tail',
  'misspelt',
  'places-and-common-words',
];

export interface Town {
  name: string;
  lat: number;
  lng: number;
  weight: number;
}

export interface MarketVendor {
  name: string;
  description: string;
  keywords: string[];
  categoryCodes: string[];
  /** Categories of its true trade: the listed ones, or the one it would list. */
  trades: string[];
  specialty: string | null;
  kind: 'trade' | 'unlisted-trade' | 'decoy' | 'specialist';
  lat: number | null;
  lng: number | null;
  radiusKm: number | null;
  rating: number | null;
}

export interface MarketNeed {
  title: string;
  description: string;
  categoryCode: string | null;
  /** For a specialty need: the specialty's code. */
  specialty: string | null;
}

export interface MarketIntent {
  class: IntentClass;
  title: string;
  description: string;
  categoryCode: string | null;
  needs: MarketNeed[];
  exactLat: number;
  exactLng: number;
  coarseLat: number;
  coarseLng: number;
  /** Indices into the market's vendors relevant to each need. */
  relevant: number[][];
}

export interface Market {
  vendors: MarketVendor[];
  intents: MarketIntent[];
}

const LEAVES = TAXONOMY_V1.filter((entry) => !TAXONOMY_V1.some((child) => child.parentCode === entry.code));
const PARENTS = TAXONOMY_V1.filter((entry) => TAXONOMY_V1.some((child) => child.parentCode === entry.code));
const BY_CODE = new Map(TAXONOMY_V1.map((entry) => [entry.code, entry]));

/** The product's category family of a need's category: itself, everything below it, its parent. */
export function family(code: string): Set<string> {
  const members = new Set([code]);
  const parent = BY_CODE.get(code)?.parentCode;
  if (parent) members.add(parent);
  const below = [code];
  while (below.length > 0) {
    const next = below.pop()!;
    for (const child of TAXONOMY_V1.filter((entry) => entry.parentCode === next)) {
      members.add(child.code);
      below.push(child.code);
    }
  }
  return members;
}

/** Great-circle km, the formula matching uses. */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Whether a vendor's service area reaches a point (no area: anywhere; a centre without radius: nowhere). */
export function reaches(vendor: MarketVendor, point: { lat: number; lng: number }): boolean {
  if (vendor.lat === null || vendor.lng === null) return true;
  if (vendor.radiusKm === null) return false;
  return haversineKm({ lat: vendor.lat, lng: vendor.lng }, point) <= vendor.radiusKm;
}

/** Object words people mention in passing: a removals need that names the organ to be moved. */
const OBJECTS = [
  'a Hammond organ',
  'an upright piano',
  'a rocking horse',
  'a grandfather clock',
  'two antique chairs',
  'a stained glass panel',
  'a harpsichord',
  'some taxidermy',
  'a chandelier',
  'a koi pond',
];

/**
 * How vendors of some trades mention what they handle, in the words of specialists' needs: a
 * removals firm that moves organs is no organ restorer.
 */
const HANDLED: Record<string, string[]> = {
  moving: ['Pianos, organs and antiques moved with care.', 'Clocks, chandeliers and fragile items packed by hand.'],
  home_repair: ['Restoration of period homes, roofs and windows.', 'Glass, mirrors and frames fitted.'],
  garden: ['Stone walls, patios and garden ponds.', 'Hedges trimmed, lawns and borders.'],
  pets: ['Horses and ponies welcome.', 'Dogs, cats and small pets cared for.'],
  events: ['Weddings, parties, festivals and barn dances.'],
  bereavement: ['Antique furniture, clocks and books cleared with care.'],
};

/** Decoys: vendors of a trade whose names and descriptions lean on common words and places. */
const DECOY_NAMES = ['House Help', 'Home Service', 'Local Help', 'Reliable House', 'Professional Home', 'Help at Home'];
const COMMON_PHRASES = [
  'Reliable, professional service for your house and home.',
  'No job too small, local help whenever you need it.',
  'Friendly local service, fully insured, free quotes.',
  'Professional help for house, garden and home, seven days a week.',
];
const FILLER_SENTENCES = [
  'Need someone reliable, please get in touch.',
  'Looking for a local professional, quotes welcome.',
  'Help needed soon, good service appreciated.',
  'Urgent help please, reasonable price.',
  'Would like a quote this week.',
];
export const DISTRICTS = [
  'Headingley',
  'Clifton',
  'Didsbury',
  'Morningside',
  'Jesmond',
  'Roath',
  'Ecclesall',
  'Edgbaston',
];
const SURNAMES = ['Hartley', 'Okafor', 'Nowak', 'Patel', 'Campbell', 'Evans', 'Murphy', 'Singh', 'Hughes', 'Clarke'];

export interface MarketOptions {
  vendors: number;
  /** Intents per class. */
  perClass: Record<IntentClass, number>;
  seed: number;
  /** The 12 towns of the demo (a small fresh market), or the 52 of the other benches. */
  towns: 'demo' | 'uk';
}

export function generateMarket(options: MarketOptions): Market {
  const next = random(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const towns: Town[] =
    options.towns === 'demo'
      ? DEMO_PLACES.map((place) => ({ name: place.name, lat: place.lat, lng: place.lng, weight: 1 }))
      : [...PLACES];
  const totalWeight = towns.reduce((sum, town) => sum + town.weight, 0);
  const town = (): Town => {
    let left = next() * totalWeight;
    for (const candidate of towns) {
      left -= candidate.weight;
      if (left <= 0) return candidate;
    }
    return towns[0];
  };
  const near = (centre: Town, km: number) => {
    const distance = km * Math.sqrt(next());
    const angle = 2 * Math.PI * next();
    return {
      lat: centre.lat + (distance * Math.cos(angle)) / 111.2,
      lng: centre.lng + (distance * Math.sin(angle)) / (111.2 * Math.cos((centre.lat * Math.PI) / 180)),
    };
  };
  // Busy trades first: a skew like real markets (a few trades hold many vendors).
  const leaf = () => LEAVES[Math.floor(Math.pow(next(), 1.6) * LEAVES.length)];
  const titleCase = (text: string) => text.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
  const typed = (keyword: string) => (next() < 0.3 ? titleCase(keyword) : keyword);
  const rating = () => (next() < 0.3 ? null : Math.round((1 + 4 * (1 - Math.pow(next(), 3))) * 10) / 10);
  const localArea = (home: Town) => {
    if (next() < 0.02) return { lat: null, lng: null, radiusKm: null };
    const centre = near(home, 20);
    return { ...centre, radiusKm: 5 + Math.round(95 * Math.pow(next(), 1.7)) };
  };

  // A small market has room for a few kinds of specialist only (two or more of each); intents ask for those.
  const specialistShare = options.vendors < 1000 ? 0.08 : 0.04;
  const specialties = SPECIALTIES.slice(
    0,
    Math.max(5, Math.min(SPECIALTIES.length, Math.floor((options.vendors * specialistShare) / 2))),
  );
  const vendors: MarketVendor[] = [];
  for (let index = 0; index < options.vendors; index += 1) {
    const home = town();
    const roll = next();
    if (roll < specialistShare) {
      const specialty = pick(specialties);
      const scope = next();
      const area =
        scope < 0.4
          ? { lat: null, lng: null, radiusKm: null }
          : {
              ...near(home, 15),
              radiusKm: scope < 0.7 ? 150 + Math.round(150 * next()) : 30 + Math.round(50 * next()),
            };
      const categoryCodes = specialty.categoryCode && next() < 0.5 ? [specialty.categoryCode] : [];
      vendors.push({
        name: `${pick(SURNAMES)} ${specialty.phrase}`,
        description: `${specialty.description}${next() < 0.5 ? ` Workshop near ${home.name}.` : ''} ${pick(COMMON_SENTENCES)}`,
        keywords: specialty.keywords.map(typed),
        categoryCodes,
        trades: categoryCodes,
        specialty: specialty.code,
        kind: 'specialist',
        ...area,
        rating: rating(),
      });
      continue;
    }
    const first = leaf();
    const codes = [first.code];
    if (next() < 0.3) {
      const second = leaf();
      if (second.code !== first.code) codes.push(second.code);
    }
    if (first.parentCode && next() < 0.1) codes.push(first.parentCode);
    const names = codes.map((code) => BY_CODE.get(code)!.name);
    const keywords = [...new Set(codes.flatMap((code) => BY_CODE.get(code)!.keywords))].slice(0, 10).map(typed);
    const mentions = HANDLED[first.code.split('.')[0]];
    const handled = mentions && next() < 0.4 ? ` ${pick(mentions)}` : '';
    if (roll < specialistShare + 0.02) {
      vendors.push({
        name: `${pick(SURNAMES)} ${first.name}`,
        description: `${names.join(' and ')} around ${home.name}.${handled} ${pick(COMMON_SENTENCES)}`,
        keywords: [first.name, ...first.keywords].map(typed),
        categoryCodes: [],
        trades: codes,
        specialty: null,
        kind: 'unlisted-trade',
        ...localArea(home),
        rating: rating(),
      });
      continue;
    }
    if (roll < specialistShare + 0.08) {
      const others = [pick(towns).name, pick(towns).name, pick(towns).name];
      vendors.push({
        name: `${pick(DECOY_NAMES)} ${first.name}`,
        description:
          `Serving ${home.name}, ${others.join(', ')} and the whole area. ${pick(COMMON_PHRASES)} ` +
          `${pick(COMMON_PHRASES)}${handled} ${names.join(' and ')}.`,
        keywords,
        categoryCodes: codes,
        trades: codes,
        specialty: null,
        kind: 'decoy',
        ...localArea(home),
        rating: rating(),
      });
      continue;
    }
    vendors.push({
      name: `${pick(NAME_PREFIXES)} ${first.name} ${home.name}`,
      description:
        `${pick(COMMON_SENTENCES)} ${names.join(' and ')} in and around ${home.name}.${handled} ` +
        `${pick(COMMON_SENTENCES)}`,
      keywords,
      categoryCodes: codes,
      trades: codes,
      specialty: null,
      kind: 'trade',
      ...localArea(home),
      rating: rating(),
    });
  }

  const bySpecialty = new Map(SPECIALTIES.map((specialty) => [specialty.code, specialty]));
  const relevantTo = (need: MarketNeed, point: { lat: number; lng: number }): number[] => {
    const members = need.categoryCode ? family(need.categoryCode) : null;
    const specialty = need.specialty ? bySpecialty.get(need.specialty) : undefined;
    const servingCategory = specialty?.categoryServes ? specialty.categoryCode : null;
    const result: number[] = [];
    vendors.forEach((vendor, index) => {
      const fits = members
        ? vendor.trades.some((code) => members.has(code))
        : vendor.specialty === need.specialty || (!!servingCategory && vendor.trades.includes(servingCategory));
      if (fits && reaches(vendor, point)) result.push(index);
    });
    return result;
  };

  const intents: MarketIntent[] = [];
  const place = (text: string, home: Town) =>
    text.replaceAll('{town}', home.name).replaceAll('{district}', pick(DISTRICTS));
  const withPlacesAndCommonWords = (home: Town) =>
    place(
      pick([
        'Reliable local help needed for our house in {district}, {town}. Moving from {town} to Bristol via Bath.',
        'We live near {town} ({district}); professional service please, house and garden, Leeds or Glasgow based is fine.',
        'Local help wanted around {town}, London and Bristol — house in {district}, reliable people only.',
      ]),
      home,
    );
  /** A location where at least one vendor is relevant to every need (a few tries), as a real market would have. */
  const locate = (needs: MarketNeed[], cls: IntentClass, title: string, description: string) => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const home = town();
      const exact = near(home, 10);
      const point = { lat: coarsen(exact.lat), lng: coarsen(exact.lng) };
      const relevant = needs.map((need) => relevantTo(need, point));
      if (relevant.every((list) => list.length > 0) || attempt === 19) {
        intents.push({
          class: cls,
          title: place(title, home),
          description: place(description, home),
          categoryCode: needs.length === 1 ? needs[0].categoryCode : null,
          needs: needs.map((need) => ({
            ...need,
            title: place(need.title, home),
            description: place(need.description, home),
          })),
          exactLat: exact.lat,
          exactLng: exact.lng,
          coarseLat: point.lat,
          coarseLng: point.lng,
          relevant,
        });
        return;
      }
    }
  };
  const categorisedNeed = (): MarketNeed => {
    const category = next() < 0.25 ? pick(PARENTS) : leaf();
    return { title: category.name, description: '', categoryCode: category.code, specialty: null };
  };
  const specialtyNeed = (specialty: Specialty, text: string): MarketNeed => ({
    title: text,
    description: '',
    categoryCode: null,
    specialty: specialty.code,
  });

  for (let count = 0; count < options.perClass.categorised; count += 1) {
    const need = categorisedNeed();
    const name = BY_CODE.get(need.categoryCode!)!.name;
    const title = pick([`${name} in {town}`, `${name} needed`, `Looking for ${name.toLowerCase()} near {town}`]);
    const objects = next() < 0.4 ? ` We also have ${pick(OBJECTS)} in the house.` : '';
    const description = `${pick(FILLER_SENTENCES)} Based in {district}, {town}.${objects}`;
    locate([{ ...need, title, description }], 'categorised', title, description);
  }
  for (let count = 0; count < options.perClass['multi-component']; count += 1) {
    const playbook = pick(PLAYBOOKS_V1);
    const components = [...playbook.components].sort(() => next() - 0.5).slice(0, 2 + Math.floor(next() * 2));
    const needs = components.map((component) => ({
      title: component.title,
      description: component.explanation,
      categoryCode: component.categoryCode,
      specialty: null,
    }));
    locate(
      needs,
      'multi-component',
      `${playbook.name} around {town}`,
      `${pick(FILLER_SENTENCES)} ${playbook.description}`,
    );
  }
  for (let count = 0; count < options.perClass['long-tail']; count += 1) {
    const specialty = pick(specialties);
    const text = pick(specialty.needs);
    const description = `${pick(FILLER_SENTENCES)} We are in {town}.`;
    locate([{ ...specialtyNeed(specialty, text), description }], 'long-tail', text, description);
  }
  for (let count = 0; count < options.perClass.misspelt; count += 1) {
    const specialty = pick(specialties);
    const text = pick(specialty.misspelt);
    const description = `${pick(FILLER_SENTENCES)}`;
    locate([{ ...specialtyNeed(specialty, text), description }], 'misspelt', text, description);
  }
  for (let count = 0; count < options.perClass['places-and-common-words']; count += 1) {
    if (next() < 0.5) {
      const need = categorisedNeed();
      const name = BY_CODE.get(need.categoryCode!)!.name;
      const description = withPlacesAndCommonWords(town());
      locate(
        [{ ...need, title: `${name} in {town}`, description }],
        'places-and-common-words',
        `${name} in {town}`,
        description,
      );
    } else {
      const specialty = pick(specialties);
      const text = `${pick(specialty.needs)} in {town}`;
      const description = withPlacesAndCommonWords(town());
      locate([{ ...specialtyNeed(specialty, text), description }], 'places-and-common-words', text, description);
    }
  }
  return { vendors, intents };
}
