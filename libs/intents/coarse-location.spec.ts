import { coarsen, postcodeDistrict, toIntentLocation } from './coarse-location';

describe('coarse location', () => {
  it('snaps nearby points to the same grid centre', () => {
    expect(coarsen(53.8201)).toBe(coarsen(53.8399));
    expect(coarsen(53.8201)).toBe(53.825);
    expect(coarsen(-1.5763)).toBe(-1.575);
  });

  it('keeps only the postcode district for vendors', () => {
    expect(postcodeDistrict('ls6 3ab', 'f')).toBe('LS6');
    expect(postcodeDistrict('SW1A 1AA', 'f')).toBe('SW1A');
    expect(postcodeDistrict('M1', 'f')).toBe('M1');
    expect(() => postcodeDistrict('12345', 'input.location.postcode')).toThrow(/postcode/);
  });

  it('never puts the exact point in the coarse fields', () => {
    const location = toIntentLocation({ postcode: 'LS6 3AB', lat: 53.8201, lng: -1.5763 });
    expect(location).toEqual({
      locationText: 'LS6 3AB',
      exactLat: 53.8201,
      exactLng: -1.5763,
      coarseLat: 53.825,
      coarseLng: -1.575,
      coarseArea: 'LS6',
    });
  });

  it('requires lat and lng together, and something to locate by', () => {
    expect(() => toIntentLocation({ lat: 53.8 })).toThrow(/together/);
    expect(() => toIntentLocation({})).toThrow(/postcode/);
  });
});
