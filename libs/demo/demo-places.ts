/** Towns and cities the demo data spreads vendors and intents over. */
export const DEMO_PLACES = [
  { name: 'Leeds', postcode: 'LS1 4DY', lat: 53.7997, lng: -1.5492 },
  { name: 'Bristol', postcode: 'BS1 4DJ', lat: 51.4545, lng: -2.5879 },
  { name: 'Manchester', postcode: 'M1 1AE', lat: 53.4808, lng: -2.2426 },
  { name: 'London', postcode: 'EC1A 1BB', lat: 51.5072, lng: -0.1276 },
  { name: 'Birmingham', postcode: 'B1 1AA', lat: 52.4862, lng: -1.8904 },
  { name: 'Glasgow', postcode: 'G1 1XQ', lat: 55.8642, lng: -4.2518 },
  { name: 'Edinburgh', postcode: 'EH1 1YZ', lat: 55.9533, lng: -3.1883 },
  { name: 'Cardiff', postcode: 'CF10 1EP', lat: 51.4816, lng: -3.1791 },
  { name: 'Newcastle', postcode: 'NE1 4ST', lat: 54.9783, lng: -1.6178 },
  { name: 'Sheffield', postcode: 'S1 2HE', lat: 53.3811, lng: -1.4701 },
  { name: 'Norwich', postcode: 'NR2 1NH', lat: 52.6309, lng: 1.2974 },
  { name: 'Exeter', postcode: 'EX1 1HS', lat: 50.7184, lng: -3.5339 },
] as const;

export const DEMO_VENDOR_PREFIXES = [
  'Reliable',
  'Swift',
  'Northern',
  'Friendly',
  'Green',
  'Premier',
  'Local',
  'Family',
];
